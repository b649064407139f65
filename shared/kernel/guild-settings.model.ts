import { Schema, model, type InferSchemaType } from 'mongoose';

/** Per-guild configuration. Holds ids of channels and roles, never personal data. */
const guildSettingsSchema = new Schema(
  {
    guildId: { type: String, required: true, unique: true },
    locale: { type: String, enum: ['ja', 'en'], default: 'ja' },
    timeZone: { type: String, default: 'Asia/Tokyo' },
    channels: {
      welcome: { type: String, default: null },
      introductions: { type: String, default: null },
      events: { type: String, default: null },
      lobby: { type: String, default: null },
    },
    roles: {
      alumni: { type: String, default: null },
      introduced: { type: String, default: null },
      newcomer: { type: String, default: null },
      organiser: { type: String, default: null },
      moderator: { type: String, default: null },
    },
    welcome: {
      /** null means "the default template in the guild's locale". */
      template: { type: String, default: null, maxlength: 2000 },
      dmEnabled: { type: Boolean, default: true },
    },
    relay: {
      enabled: { type: Boolean, default: true },
      reminderDays: { type: Number, default: 3, min: 1, max: 30 },
    },
    events: {
      /** Minutes before an event's start when those who said yes get a DM (deepen events). */
      reminderMinutes: { type: [Number], default: undefined },
    },
  },
  { timestamps: true },
);

export type GuildSettingsDoc = InferSchemaType<typeof guildSettingsSchema>;
export const GuildSettings = model('GuildSettings', guildSettingsSchema);
