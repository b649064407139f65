/**
 * Request bodies of the guild resources, as Discord validates them. Written here rather than
 * taken from discord-api-spec where the spec types permission bitfields as numbers (Discord and
 * discord.js send them as strings) — the spec's limits (lengths, ranges) are kept.
 */
import { z } from 'zod';
import { collect, invalidForm, type SafeParser } from './zod-errors.js';

const snowflake = z.string().regex(/^(0|[1-9][0-9]*)$/);
const bitfield = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((v) => BigInt(v));
const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'datetime', params: { format: 'datetime' } });

const overwrite = z.object({
  id: snowflake,
  type: z.union([z.literal(0), z.literal(1)]),
  allow: bitfield.nullish(),
  deny: bitfield.nullish(),
});

export const channelCreateSchema = z.object({
  name: z.string().min(1).max(100),
  type: z
    .union([z.literal(0), z.literal(2), z.literal(4), z.literal(5), z.literal(13), z.literal(15)])
    .nullish(),
  topic: z.string().max(1024).nullish(),
  bitrate: z.number().int().min(8000).nullish(),
  user_limit: z.number().int().min(0).max(99).nullish(),
  rate_limit_per_user: z.number().int().min(0).max(21600).nullish(),
  position: z.number().int().nullish(),
  permission_overwrites: z.array(overwrite).max(100).nullish(),
  parent_id: snowflake.nullish(),
  nsfw: z.boolean().nullish(),
});

export const channelPatchSchema = channelCreateSchema.omit({ type: true }).partial();

export const roleCreateSchema = z.object({
  name: z.string().max(100).nullish(),
  permissions: bitfield.nullish(),
  color: z.number().int().min(0).max(16777215).nullish(),
  hoist: z.boolean().nullish(),
  mentionable: z.boolean().nullish(),
  icon: z.string().nullish(),
  unicode_emoji: z.string().max(100).nullish(),
});

export const roleUpdateSchema = roleCreateSchema;

export const memberPatchSchema = z.object({
  nick: z.string().max(32).nullish(),
  roles: z.array(snowflake).max(350).nullish(),
  mute: z.boolean().nullish(),
  deaf: z.boolean().nullish(),
  channel_id: snowflake.nullish(),
  communication_disabled_until: isoDate.nullish(),
  flags: z.number().int().nullish(),
});

export const guildPatchSchema = z.object({
  name: z.string().min(2).max(100).optional(),
  description: z.string().max(300).nullish(),
  preferred_locale: z.string().nullish(),
  system_channel_id: snowflake.nullish(),
  icon: z.string().nullish(),
});

export const inviteCreateSchema = z.object({
  max_age: z.number().int().min(0).max(604800).nullish(),
  max_uses: z.number().int().min(0).max(100).nullish(),
  temporary: z.boolean().nullish(),
  unique: z.boolean().nullish(),
  /** 1 STREAM, 2 EMBEDDED_APPLICATION (Invite Target Types). */
  target_type: z.literal([1, 2]).nullish(),
  target_user_id: snowflake.nullish(),
  target_application_id: snowflake.nullish(),
  role_ids: z.array(snowflake).nullish(),
});

const entityMetadata = z.object({ location: z.string().min(1).max(100).nullish() });

export const scheduledEventCreateSchema = z.object({
  name: z.string().min(1).max(100),
  description: z.string().max(1000).nullish(),
  channel_id: snowflake.nullish(),
  entity_metadata: entityMetadata.nullish(),
  privacy_level: z.literal(2),
  scheduled_start_time: isoDate,
  scheduled_end_time: isoDate.nullish(),
  entity_type: z.literal([1, 2, 3]),
  image: z.string().nullish(),
  recurrence_rule: z.unknown().nullish(),
});

export const scheduledEventPatchSchema = scheduledEventCreateSchema
  .partial()
  .extend({ status: z.literal([1, 2, 3, 4]).nullish() });

export const dmCreateSchema = z.object({ recipient_id: snowflake });

/** Parses a body with a schema; throws 400 50035 with Discord's `errors` tree on failure. */
export function parseBody<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const { issues } = collect(schema as unknown as SafeParser, raw ?? {});
  if (issues.length) throw invalidForm(issues);
  return schema.parse(raw ?? {});
}
