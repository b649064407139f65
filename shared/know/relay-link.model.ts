import { Schema, model, type InferSchemaType } from 'mongoose';

export const RELAY_LINK_STATUSES = [
  'pending',
  'reminded',
  'completed',
  'passed',
  'broken',
  'cancelled',
] as const;
export type RelayLinkStatus = (typeof RELAY_LINK_STATUSES)[number];
/** Statuses in which the nominee still owes an intro. */
export const OPEN_LINK_STATUSES: readonly RelayLinkStatus[] = ['pending', 'reminded'];

/**
 * One nomination in a chain: `fromUserId` asked `nomineeId` to introduce themself next.
 * A nomination that was passed is kept, and the retry is a new link at the same `position`
 * with `attempt` + 1 and `replacesLinkId` pointing back (the fallback history).
 * A passed nominee who introduces themself later turns their link `completed` and keeps
 * `passedAt`: "completed late" is `status: 'completed'` with a `passedAt` (see relay-late.ts).
 */
const relayLinkSchema = new Schema(
  {
    guildId: { type: String, required: true },
    chainId: { type: Schema.Types.ObjectId, ref: 'RelayChain', required: true },
    /** 1 = the nomination made by the chain's first introducer. */
    position: { type: Number, required: true },
    attempt: { type: Number, default: 1 },
    replacesLinkId: { type: Schema.Types.ObjectId, default: null },
    fromUserId: { type: String, default: null },
    /** True when the bot or an organiser nominated on the chain's behalf. */
    nominatedByBot: { type: Boolean, default: false },
    nomineeId: { type: String, default: null },
    status: { type: String, enum: RELAY_LINK_STATUSES, default: 'pending' },
    nominatedAt: { type: Date, required: true },
    reminderDueAt: { type: Date, required: true },
    remindedAt: { type: Date, default: null },
    passDueAt: { type: Date, default: null },
    passedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    /** Set only while the link is open; the unique sparse index forbids two open links per nominee. */
    openNomineeKey: { type: String, default: undefined },
  },
  { timestamps: true },
);
relayLinkSchema.index({ openNomineeKey: 1 }, { unique: true, sparse: true });
relayLinkSchema.index({ guildId: 1, nomineeId: 1, status: 1 });
relayLinkSchema.index({ guildId: 1, fromUserId: 1 });
relayLinkSchema.index({ chainId: 1, position: 1, attempt: 1 }, { unique: true });

export type RelayLinkDoc = InferSchemaType<typeof relayLinkSchema>;
export const RelayLink = model('RelayLink', relayLinkSchema);

/** The value of `openNomineeKey` for a nominee in a guild. */
export function openNomineeKey(guildId: string, nomineeId: string): string {
  return `${guildId}:${nomineeId}`;
}
