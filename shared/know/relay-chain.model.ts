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
    /** Where the chain stumbled: each pass or break, by position. */
    breaks: {
      type: [
        {
          _id: false,
          position: { type: Number, required: true },
          linkId: { type: Schema.Types.ObjectId, default: null },
          kind: { type: String, enum: ['passed', 'broken', 'cancelled'], required: true },
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
