/** One person at one mixer run: rounds joined and groupmates (for trends and the feedback DM). */
import { Schema, model, type InferSchemaType } from 'mongoose';

const mixerAttendanceSchema = new Schema({
  guildId: { type: String, required: true },
  runId: { type: String, required: true },
  userId: { type: String, required: true },
  /** The scheduled event the mixer belonged to, if it was started by one. */
  eventId: { type: String, default: null },
  rounds: { type: Number, default: 0 },
  groupmates: { type: [String], default: [] },
  at: { type: Date, required: true },
});
mixerAttendanceSchema.index({ runId: 1, userId: 1 }, { unique: true });
mixerAttendanceSchema.index({ guildId: 1, userId: 1, at: -1 });

export type MixerAttendanceDoc = InferSchemaType<typeof mixerAttendanceSchema>;
export const MixerAttendance = model('MixerAttendance', mixerAttendanceSchema);
