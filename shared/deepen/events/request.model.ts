import { Schema, model } from 'mongoose';

/**
 * A dashboard request (create, edit, cancel) the worker carries out: the web process never holds
 * a discord.js Client, so it writes this and enqueues `deepen:event:request`; the worker writes
 * the outcome back here and the events page shows it.
 */
const requestSchema = new Schema(
  {
    guildId: { type: String, required: true },
    kind: { type: String, enum: ['create', 'edit', 'cancel'], required: true },
    requestedBy: { type: String, required: true },
    /** create/edit: the checked input; the start read when the request was made. */
    input: { type: Schema.Types.Mixed, default: null },
    occurrenceId: { type: String, default: null },
    wholeSeries: { type: Boolean, default: false },
    /**
     * pending → running (a worker claimed it at `claimedAt`) → done | failed. A running request
     * whose worker died is claimed again once stale; `occurrenceIds` set while running says
     * Tsunagu's side is done, so a second run only finishes the Discord side.
     */
    status: { type: String, enum: ['pending', 'running', 'done', 'failed'], default: 'pending' },
    claimedAt: { type: Date, default: null },
    /** The outcome's message key and vars (the page translates it). */
    resultKey: { type: String, default: null },
    resultVars: { type: Schema.Types.Mixed, default: {} },
    occurrenceIds: { type: [String], default: [] },
    doneAt: { type: Date, default: null },
  },
  { timestamps: true },
);
requestSchema.index({ guildId: 1, createdAt: -1 });

export const EventRequest = model('EventRequest', requestSchema);
