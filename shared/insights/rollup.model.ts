import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * guildHour: one guild's counts in one UTC hour (the dashboard folds hours into the guild's local
 * days and weeks, so a zone change or DST never needs a rewrite). memberDay / channelDay: one
 * member's or channel's counts on one guild-local day (active members, top channels).
 */
export const ROLLUP_SCOPES = ['guildHour', 'memberDay', 'channelDay'] as const;
export type RollupScope = (typeof ROLLUP_SCOPES)[number];

export const COUNTER_FIELDS = ['messages', 'voiceSeconds', 'joins', 'leaves'] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];

/** Per-member rows are kept this long (retention cohorts look two years back), then expire by TTL. */
export const MEMBER_DAY_RETENTION_DAYS = 800;
/** Per-channel rows serve "top channels" only. */
export const CHANNEL_DAY_RETENTION_DAYS = 400;

const counters = {
  messages: { type: Number, default: 0 },
  voiceSeconds: { type: Number, default: 0 },
};

/** guildHour: one guild's counts in one UTC hour. Kept (aggregates: no user id). */
const guildHourSchema = new Schema(
  {
    guildId: { type: String, required: true },
    hour: { type: Date, required: true },
    ...counters,
    joins: { type: Number, default: 0 },
    leaves: { type: Number, default: 0 },
  },
  { versionKey: false },
);
guildHourSchema.index({ guildId: 1, hour: 1 }, { unique: true });

/** memberDay: one member's counts on one guild-local day (personal data: erased with the profile). */
const memberDaySchema = new Schema(
  {
    guildId: { type: String, required: true },
    userId: { type: String, required: true },
    day: { type: String, required: true },
    ...counters,
    /** TTL: per-member rows expire MEMBER_DAY_RETENTION_DAYS after their day. */
    expiresAt: { type: Date, default: null },
  },
  { versionKey: false },
);
memberDaySchema.index({ guildId: 1, userId: 1, day: 1 }, { unique: true });
memberDaySchema.index({ guildId: 1, day: 1 });
memberDaySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** channelDay: one channel's counts on one guild-local day (top channels). */
const channelDaySchema = new Schema(
  {
    guildId: { type: String, required: true },
    channelId: { type: String, required: true },
    day: { type: String, required: true },
    /** The channel's name when last counted (names are not personal data). */
    name: { type: String, default: null },
    ...counters,
    expiresAt: { type: Date, default: null },
  },
  { versionKey: false },
);
channelDaySchema.index({ guildId: 1, channelId: 1, day: 1 }, { unique: true });
channelDaySchema.index({ guildId: 1, day: 1 });
channelDaySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

// One collection per scope: each read touches only its own rows (a page reads the guild's hours
// without scanning every member's days), at the price of one bulkWrite per scope in a flush.
export const GuildHour = model('InsightsGuildHour', guildHourSchema, 'insightsGuildHours');
export const MemberDay = model('InsightsMemberDay', memberDaySchema, 'insightsMemberDays');
export const ChannelDay = model('InsightsChannelDay', channelDaySchema, 'insightsChannelDays');

/** The highest voice-minute threshold the Trends page accepts; longer voice time is kept as this. */
export const ACTIVE_MINUTES_CAP = 600;
export const ACTIVITY_SPANS = ['day', 'week'] as const;
export type ActivitySpan = (typeof ACTIVITY_SPANS)[number];

/**
 * guildActivity: how many members were active on one guild-local day or in one ISO week (a
 * week's voice minutes summed over its days), kept exact for every threshold N the page accepts:
 * `messagers` sent a message; `voiceOnly` counts the others by their whole voice minutes
 * (minutes → members, capped at ACTIVE_MINUTES_CAP), so active(N) = messagers + Σ voiceOnly[m ≥ N].
 * Recomputed from the member days at flush time (activity-rollup.ts): the Trends page reads one
 * row per day or week, whatever the events or members. Aggregates only: no user id.
 */
const guildActivitySchema = new Schema(
  {
    guildId: { type: String, required: true },
    span: { type: String, enum: ACTIVITY_SPANS, required: true },
    /** The local day, or the Monday of the week. */
    start: { type: String, required: true },
    messagers: { type: Number, default: 0 },
    voiceOnly: { type: Schema.Types.Mixed, default: {} },
    /** When the computation that wrote this row started: an older one never overwrites it. */
    computedAt: { type: Date },
  },
  { versionKey: false, minimize: false },
);
guildActivitySchema.index({ guildId: 1, span: 1, start: 1 }, { unique: true });
export const GuildActivity = model('InsightsGuildActivity', guildActivitySchema, 'insightsGuildActivity');
export type GuildHourDoc = InferSchemaType<typeof guildHourSchema>;

/**
 * A voice session the worker is crediting (raw data): who is in which channel, credited up to
 * when. Lets a restarted worker resume a session GUILD_CREATE still shows; stale ones expire.
 */
const voiceSessionSchema = new Schema(
  {
    guildId: { type: String, required: true },
    userId: { type: String, required: true },
    channelId: { type: String, required: true },
    creditedUntil: { type: Date, required: true },
  },
  { versionKey: false },
);
voiceSessionSchema.index({ guildId: 1, userId: 1 }, { unique: true });
/** A session nobody has credited for two days belongs to a worker that is gone. */
voiceSessionSchema.index({ creditedUntil: 1 }, { expireAfterSeconds: 2 * 24 * 3600 });

export const VoiceSession = model('VoiceSession', voiceSessionSchema, 'insightsVoiceSessions');
