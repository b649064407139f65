/** A participant's feedback on a mixer: who they talked with, a 1–5 rating, an optional comment. */
import { Schema, model, type InferSchemaType } from 'mongoose';

export const FEEDBACK_COMMENT_MAX = 500;

const mixerFeedbackSchema = new Schema(
  {
    guildId: { type: String, required: true },
    runId: { type: String, required: true },
    userId: { type: String, required: true },
    metUserIds: { type: [String], default: [] },
    rating: { type: Number, min: 1, max: 5, default: null },
    comment: { type: String, default: null, maxlength: FEEDBACK_COMMENT_MAX * 2 },
  },
  { timestamps: true },
);
mixerFeedbackSchema.index({ runId: 1, userId: 1 }, { unique: true });
mixerFeedbackSchema.index({ guildId: 1, userId: 1 });

export type MixerFeedbackDoc = InferSchemaType<typeof mixerFeedbackSchema>;
export const MixerFeedback = model('MixerFeedback', mixerFeedbackSchema);
