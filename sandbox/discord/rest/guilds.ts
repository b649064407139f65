/** Guilds: GET/PATCH /guilds/:id, channel list and creation. */
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import type { Router } from '../router.js';
import { serializeGuild } from '../state/serialize.js';
import type { SupportedChannelType } from '../state/types.js';
import { channelCreateSchema, guildPatchSchema, parseBody } from '../validation.js';
import { guildForBot, requireGuildPermission } from './access.js';
import { assertMayGrant, assertOverwriteTarget, toOverwrites } from './overwrites.js';

const SUPPORTED_TYPES = new Set<number>([
  ChannelType.GuildText,
  ChannelType.GuildVoice,
  ChannelType.GuildCategory,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildStageVoice,
]);

export function registerGuildRoutes(router: Router): void {
  router.route('GET', '/guilds/:guildId', ({ emu, params, query }) => {
    const guild = guildForBot(emu, params.guildId!);
    const counts =
      query.get('with_counts') === 'true'
        ? { approximate_member_count: guild.members.size, approximate_presence_count: 0 }
        : {};
    return { body: { ...serializeGuild(guild), ...counts } };
  });

  router.route('PATCH', '/guilds/:guildId', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageGuild);
    const patch = parseBody(guildPatchSchema, body);
    if (patch.system_channel_id) emu.state.channels.get(patch.system_channel_id);
    emu.state.guilds.update(guild.id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.preferred_locale ? { preferredLocale: patch.preferred_locale } : {}),
      ...(patch.system_channel_id !== undefined ? { systemChannelId: patch.system_channel_id } : {}),
      ...(patch.icon !== undefined ? { icon: patch.icon } : {}),
    });
    return { body: serializeGuild(guild) };
  });

  router.route('GET', '/guilds/:guildId/channels', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    return { body: emu.state.channels.list(guild.id).map((c) => emu.state.channels.toApi(c)) };
  });

  /**
   * Create Guild Channel (docs, guild): Manage Channels; overwrites need Manage Roles, name roles or
   * members of the guild, and grant only what the bot holds guild-wide; `parent_id` must be a
   * category of the guild with room (50); the guild holds at most 500 channels (30013).
   */
  router.route('POST', '/guilds/:guildId/channels', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageChannels);
    const input = parseBody(channelCreateSchema, body);
    const type = input.type ?? ChannelType.GuildText;
    if (!SUPPORTED_TYPES.has(type)) throw unsupportedType(emu, type);
    const overwrites = input.permission_overwrites ? toOverwrites(input.permission_overwrites) : undefined;
    if (overwrites?.length) {
      requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageRoles);
      for (const o of input.permission_overwrites!) assertOverwriteTarget(emu, guild.id, o);
      assertMayGrant(emu, guild.id, overwrites);
    }
    const channel = emu.state.channels.create(guild.id, {
      name: input.name,
      type: type as SupportedChannelType,
      parentId: input.parent_id ?? null,
      topic: input.topic ?? null,
      ...(input.position != null ? { position: input.position } : {}),
      nsfw: input.nsfw ?? false,
      ...(input.bitrate != null ? { bitrate: input.bitrate } : {}),
      ...(input.user_limit != null ? { userLimit: input.user_limit } : {}),
      rateLimitPerUser: input.rate_limit_per_user ?? 0,
      ...(overwrites ? { permissionOverwrites: overwrites } : {}),
    });
    return { status: 201, body: emu.state.channels.toApi(channel) };
  });
}

function unsupportedType(emu: { logger: { warn: (o: object, m: string) => void } }, type: number) {
  emu.logger.warn({ type }, 'Discord emulator: channel type not supported');
  return Errors.unsupported(`channel type ${type}`);
}
