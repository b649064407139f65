/** A conversation prompt an organiser added to a theme in their guild (shown verbatim). */
import { Schema, model, type InferSchemaType } from 'mongoose';

const customPromptSchema = new Schema(
  {
    guildId: { type: String, required: true },
    theme: { type: String, required: true },
    promptId: { type: String, required: true },
    text: { type: String, required: true, maxlength: 600 },
    createdBy: { type: String, default: null },
  },
  { timestamps: true },
);
customPromptSchema.index({ guildId: 1, promptId: 1 }, { unique: true });
customPromptSchema.index({ guildId: 1, theme: 1, createdAt: 1 });

export type CustomPromptDoc = InferSchemaType<typeof customPromptSchema>;
export const CustomPromptModel = model('CustomPrompt', customPromptSchema);
