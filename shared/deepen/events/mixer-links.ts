/**
 * What the mixer slice recorded for an event's occurrence (its runs carry `eventId` = the
 * occurrence id): who was in its rooms (attendance) and the 1–5 ratings of its feedback.
 */
import { MixerAttendance } from '../mixer/mixer-attendance.model.js';
import { MixerFeedback } from '../mixer/mixer-feedback.model.js';
import { MixerRun } from '../mixer/mixer-run.model.js';

/** People the mixer placed in rooms during this occurrence. */
export async function mixerAttendees(occurrenceId: string): Promise<string[]> {
  const rows = await MixerAttendance.find({ eventId: occurrenceId }, { userId: 1 }).lean();
  return [...new Set(rows.map((r) => r.userId))];
}

export interface FeedbackSummary {
  count: number;
  /** Mean rating, one decimal; null without ratings. */
  average: number | null;
}

/** Ratings per occurrence id (occurrences without a mixer run are absent). */
export async function feedbackByOccurrence(
  occurrenceIds: readonly string[],
): Promise<Map<string, FeedbackSummary>> {
  const out = new Map<string, FeedbackSummary>();
  if (occurrenceIds.length === 0) return out;
  const runs = await MixerRun.find({ eventId: { $in: [...occurrenceIds] } }, { runId: 1, eventId: 1 }).lean();
  const eventOfRun = new Map(runs.map((r) => [r.runId, r.eventId as string]));
  if (eventOfRun.size === 0) return out;
  const feedback = await MixerFeedback.find({
    runId: { $in: [...eventOfRun.keys()] },
    rating: { $ne: null },
  }).lean();
  const sums = new Map<string, { total: number; count: number }>();
  for (const f of feedback) {
    const eventId = eventOfRun.get(f.runId);
    if (!eventId || f.rating == null) continue;
    const s = sums.get(eventId) ?? { total: 0, count: 0 };
    s.total += f.rating;
    s.count += 1;
    sums.set(eventId, s);
  }
  for (const [eventId, s] of sums)
    out.set(eventId, { count: s.count, average: Math.round((s.total / s.count) * 10) / 10 });
  return out;
}
