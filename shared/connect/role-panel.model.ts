import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * A self-assign role panel. Components carry the panel id in their custom_id, so clicks keep
 * working after restarts: everything needed is read from here, nothing from memory.
 */
const rolePanelSchema = new Schema(
  {
    guildId: { type: String, required: true },
    channelId: { type: String, required: true },
    messageId: { type: String, default: null },
    title: { type: String, default: null, maxlength: 256 },
    mode: { type: String, enum: ['buttons', 'select'], required: true },
    /** 1 = "pick one" (a new pick replaces the old), N = up to N roles from this panel. */
    maxPicks: { type: Number, required: true, min: 1, max: 25 },
    options: {
      type: [
        {
          _id: false,
          roleId: { type: String, required: true },
          label: { type: String, required: true, maxlength: 80 },
          emoji: { type: String, default: null },
        },
      ],
      default: [],
    },
  },
  { timestamps: true },
);
rolePanelSchema.index({ guildId: 1, channelId: 1, messageId: 1 });

export type RolePanelDoc = InferSchemaType<typeof rolePanelSchema>;
export const RolePanel = model('RolePanel', rolePanelSchema);
