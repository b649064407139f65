/**
 * Who met whom in earlier mixers (one document per pair, `a` < `b`), so the grouping engine
 * avoids recent pairs. Personal data of both people (see personal-data.ts).
 */
import { Schema, model, type InferSchemaType } from 'mongoose';

const pairHistorySchema = new Schema({
  guildId: { type: String, required: true },
  a: { type: String, required: true },
  b: { type: String, required: true },
  count: { type: Number, default: 0 },
  lastMetAt: { type: Date, required: true },
  /** The mixer runs already counted in `count` (recording a run again counts nothing twice). */
  runIds: { type: [String], default: [] },
});
pairHistorySchema.index({ guildId: 1, a: 1, b: 1 }, { unique: true });
pairHistorySchema.index({ guildId: 1, b: 1 });

export type PairHistoryDoc = InferSchemaType<typeof pairHistorySchema>;
export const PairHistory = model('PairHistory', pairHistorySchema);
