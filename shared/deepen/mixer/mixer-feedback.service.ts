/** Feedback after a mixer: who you talked with, a 1–5 rating, an optional comment (each saved as given). */
import { DomainError } from '../../errors.js';
import { MixerAttendance } from './mixer-attendance.model.js';
import { FEEDBACK_COMMENT_MAX, MixerFeedback } from './mixer-feedback.model.js';

export interface FeedbackInput {
  runId: string;
  userId: string;
  metUserIds?: readonly string[];
  rating?: number;
  comment?: string;
}

export interface FeedbackView {
  runId: string;
  userId: string;
  metUserIds: string[];
  rating: number | null;
  comment: string | null;
}

/**
 * Saves part of a participant's feedback (each DM control sends its own part).
 * @throws DomainError FORBIDDEN for someone who was not in the mixer; INVALID_INPUT for a rating
 *   outside 1–5, a comment too long, or a "met" person who was not in their groups
 */
export async function saveFeedback(input: FeedbackInput): Promise<FeedbackView> {
  const attendance = await MixerAttendance.findOne({ runId: input.runId, userId: input.userId }).lean();
  if (!attendance) throw new DomainError('FORBIDDEN', 'deepen.mixer.feedback.notParticipant');
  const set: Record<string, unknown> = { guildId: attendance.guildId };
  if (input.rating !== undefined) {
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5)
      throw new DomainError('INVALID_INPUT', 'deepen.mixer.feedback.badRating');
    set.rating = input.rating;
  }
  if (input.metUserIds !== undefined) {
    const mates = new Set(attendance.groupmates);
    if (input.metUserIds.some((id) => !mates.has(id)))
      throw new DomainError('INVALID_INPUT', 'deepen.mixer.feedback.badMet');
    set.metUserIds = [...new Set(input.metUserIds)];
  }
  if (input.comment !== undefined) {
    const comment = input.comment.trim();
    if ([...comment].length > FEEDBACK_COMMENT_MAX)
      throw new DomainError('INVALID_INPUT', 'deepen.mixer.feedback.tooLong', { max: FEEDBACK_COMMENT_MAX });
    set.comment = comment || null;
  }
  const doc = await MixerFeedback.findOneAndUpdate(
    { runId: input.runId, userId: input.userId },
    { $set: set },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return {
    runId: doc!.runId,
    userId: doc!.userId,
    metUserIds: doc!.metUserIds ?? [],
    rating: doc!.rating ?? null,
    comment: doc!.comment ?? null,
  };
}

export * from './mixer-feedback-outbox.service.js';
