import { Schema, model, type InferSchemaType } from 'mongoose';

export const ATTRIBUTION_METHODS = ['invite', 'ambiguous', 'unknown'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];

/**
 * How one join happened. Erasure of the member sets `userId` to null, erasure of the inviter
 * sets `inviterId` to null: the row still counts for the code's and the cohort's totals.
 */
const joinAttributionSchema = new Schema(
  {
    guildId: { type: String, required: true },
    userId: { type: String, default: null },
    method: { type: String, enum: ATTRIBUTION_METHODS, required: true },
    code: { type: String, default: null },
    /** When several invites moved at once: the codes that might have been used (no guessing). */
    candidateCodes: { type: [String], default: [] },
    /** On an ambiguous row: further joins the same movement accounts for (claimed by later joins). */
    unclaimedUses: { type: Number, default: 0 },
    inviterId: { type: String, default: null },
    label: { type: String, default: null },
    /**
     * True when this person had already come in through the same invite (left and came back):
     * Discord counts the use again, the cohort's and inviter's people do not. Survives erasure.
     */
    repeat: { type: Boolean, default: false },
    joinedAt: { type: Date, required: true },
  },
  { timestamps: true },
);
joinAttributionSchema.index({ guildId: 1, userId: 1 });
joinAttributionSchema.index({ guildId: 1, inviterId: 1 });
joinAttributionSchema.index({ guildId: 1, code: 1 });

export type JoinAttributionDoc = InferSchemaType<typeof joinAttributionSchema>;
export const JoinAttribution = model('JoinAttribution', joinAttributionSchema);
