import { Schema, model, type InferSchemaType } from 'mongoose';

export const RELAY_CHAIN_STATUSES = ['active', 'broken'] as const;
export type RelayChainStatus = (typeof RELAY_CHAIN_STATUSES)[number];

/**
 * One intro relay (自己紹介バトン): starts with an intro nobody asked for, grows by one with every
 * nominee who introduces themself, late ones included (a nominee whose baton was handed back
 * and who introduces themself later still counts here). `length` counts introductions. User ids
 * here are personal data: erasure sets them to null and keeps the counts.
 */
const relayChainSchema = new Schema(
  {
    guildId: { type: String, required: true },
    /** 1, 2, 3… per guild, for people to talk about "chain #4". */
    number: { type: Number, required: true },
    startedBy: { type: String, default: null },
    startedAt: { type: Date, required: true },
    length: { type: Number, default: 1 },
    status: { type: String, enum: RELAY_CHAIN_STATUSES, default: 'active' },
    /** Who may nominate now; null while a nomination is open or when nobody holds it. */
    batonHolderId: { type: String, default: null },
    /** True after a pass when the nominator is gone: organisers or the bot pick the next person. */
    batonWithBot: { type: Boolean, default: false },
    lastActivityAt: { type: Date, required: true },
    /**
     * The last nomination an organiser asked for from the dashboard (the worker carries it out):
     * queued → done, or refused with the reason's i18n key and its placeholder values. The
     * request id ties the worker's job to this request (a re-run or an older job is a no-op);
     * `claimedAt` marks the job that is carrying it out. The nominee id is personal data.
     */
    nominationRequest: {
      type: new Schema(
        {
          requestId: { type: String, default: null },
          nomineeId: { type: String, default: null },
          claimedAt: { type: Date, default: null },
          reasonVars: { type: Schema.Types.Mixed, default: null },
          status: { type: String, enum: ['queued', 'done', 'refused'], required: true },
          reasonKey: { type: String, default: null },
          requestedAt: { type: Date, required: true },
          settledAt: { type: Date, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Where the chain stumbled: each pass or break, by position. */
    breaks: {
      type: [
        {
          _id: false,
          position: { type: Number, required: true },
          linkId: { type: Schema.Types.ObjectId, default: null },
          // `overridden`: an organiser handed on a baton its holder had kept past the reminder time.
          kind: { type: String, enum: ['passed', 'broken', 'cancelled', 'overridden'], required: true },
          at: { type: Date, required: true },
        },
      ],
      default: [],
    },
  },
  { timestamps: true },
);
relayChainSchema.index({ guildId: 1, number: 1 }, { unique: true });
relayChainSchema.index({ guildId: 1, batonHolderId: 1 });

export type RelayChainDoc = InferSchemaType<typeof relayChainSchema>;
export const RelayChain = model('RelayChain', relayChainSchema);
