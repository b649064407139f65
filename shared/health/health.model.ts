import { model, Schema, type InferSchemaType } from 'mongoose';

/**
 * One problem the bot found when it checked its own set-up. Kept as plain strings (permission and
 * intent names as Discord's developer docs spell them) so the dashboard can show them without discord.js.
 */
const problemSchema = new Schema(
  {
    /** missing-permission | role-hierarchy | disallowed-intent | startup-failed */
    kind: { type: String, required: true },
    /** Permission name (ManageRoles), intent name (GuildMembers) or role id, depending on `kind`. */
    subject: { type: String, required: true },
    /** Plain English for logs; the dashboard localizes from kind + subject. */
    detail: { type: String, default: '' },
  },
  { _id: false },
);

/**
 * The latest start-up check result per scope: `guildId` is a guild's id for per-guild checks and
 * the literal "global" for the bot as a whole (gateway, intents). One document per scope, replaced on
 * every check, so reading is a single indexed lookup.
 */
const botHealthSchema = new Schema(
  {
    scope: { type: String, required: true, unique: true },
    ok: { type: Boolean, required: true },
    problems: { type: [problemSchema], default: [] },
    checkedAt: { type: Date, required: true },
    botUserId: { type: String },
  },
  { collection: 'bot_health', versionKey: false },
);

export type BotHealthDoc = InferSchemaType<typeof botHealthSchema>;

export const BotHealth = model('BotHealth', botHealthSchema);
