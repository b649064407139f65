import { Schema, model, type InferSchemaType } from 'mongoose';

export const MEMBER_EVENT_KINDS = ['join', 'rejoin', 'leave', 'intro', 'relayCompleted', 'erasure'] as const;
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];

/**
 * Daily counters of member events per guild, for the dashboard's growth and funnel charts.
 * Deliberately holds no user ids: the counts survive a person's erasure without pointing at them.
 * `day` is the date (YYYY-MM-DD) in the guild's time zone when the event happened.
 */
const memberEventSchema = new Schema(
  {
    guildId: { type: String, required: true },
    day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    kind: { type: String, enum: MEMBER_EVENT_KINDS, required: true },
    count: { type: Number, default: 0 },
  },
  { timestamps: true },
);
memberEventSchema.index({ guildId: 1, day: 1, kind: 1 }, { unique: true });

export type MemberEventDoc = InferSchemaType<typeof memberEventSchema>;
export const MemberEvent = model('MemberEvent', memberEventSchema);
