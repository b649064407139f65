/**
 * A finished mixer's outbox: what the bot still owes people after the last round — the summary
 * to the organiser, the feedback DM to each participant with groupmates, and one lobby message
 * for those whose DMs are closed. Stored with the done step (before any of it is sent), so a
 * worker that dies mid-way leaves a list that another worker finishes: each entry is claimed
 * with a conditional write before it is sent (two workers never send the same one) and settled
 * after. A claim older than FEEDBACK_CLAIM_MS is stale: its worker died, another may take it.
 */
import { Schema } from 'mongoose';

/** pending → claimed(at, by) → sent | dmClosed | failed (failed: Discord refused for another reason). */
export const SEND_STATES = ['pending', 'claimed', 'sent', 'dmClosed', 'failed'] as const;
export type SendState = (typeof SEND_STATES)[number];
/** The lobby message for closed DMs: `none` when nobody's DMs were closed. */
export const FALLBACK_STATES = ['pending', 'claimed', 'sent', 'failed', 'none'] as const;
export type FallbackState = (typeof FALLBACK_STATES)[number];

const claimFields = {
  claimedAt: { type: Date, default: null },
  /** The worker (its mixer workerId) that holds the claim. */
  claimedBy: { type: String, default: null },
  /** Claims taken so far: a send that keeps failing for a passing reason is settled failed at FEEDBACK_MAX_TRIES. */
  tries: { type: Number, default: 0 },
  /** A passing refusal (429, 40003, 5xx, network) put it back to pending: not claimed again before this. */
  notBefore: { type: Date, default: null },
};

const recipientSchema = new Schema(
  {
    state: { type: String, enum: SEND_STATES, default: 'pending' },
    ...claimFields,
  },
  { _id: false },
);

export const feedbackOutboxSchema = new Schema(
  {
    /**
     * Everyone with groupmates in the rounds played (a feedback DM each), keyed by user id: each
     * entry is claimed with a write on its own path, as the events slice claims reminders.
     */
    recipients: { type: Map, of: recipientSchema, default: {} },
    /** The organiser's summary (DM; in the lobby when it cannot be DMed). */
    summary: {
      state: { type: String, enum: SEND_STATES, default: 'pending' },
      ...claimFields,
    },
    fallback: {
      state: { type: String, enum: FALLBACK_STATES, default: 'pending' },
      ...claimFields,
      /** The lobby message is split (2000 characters, 100 mentions each): the parts posted so far. */
      sentParts: { type: [Number], default: [] },
    },
    /** Passes that found the guild away from this worker (an outage, another shard): bounded. */
    awayPasses: { type: Number, default: 0 },
  },
  { _id: false },
);
