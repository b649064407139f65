/**
 * Telling people they moved up from the waitlist. The seat write records them in
 * `promotedToTell` (rsvp.service, manage.service); these steps take each notice once (a lease,
 * so two workers DM once and a run that died is retaken) and drop it once told.
 */
import { Types } from 'mongoose';
import { EventOccurrence } from './event.model.js';
import { toOccurrenceView, type OccurrenceView } from './event-view.js';

/**
 * The job for an occurrence whose seats changed outside an interaction (a person's data erased):
 * redraw its announcement and tell whoever moved up. Named here, not beside the other event jobs,
 * so the erasure part names it without importing agenda.
 */
export const EVENT_SEATS_JOB = 'deepen:event:seats';

/** How long a run holds a notice before another may take it. */
export const PROMOTION_LEASE_MS = 5 * 60_000;
const claimField = (userId: string) => `promotionClaims.${userId}`;

/**
 * The occurrence and the people to tell: still seated (someone who moved up and then answered
 * "no" before being told is not told, and their notice is dropped). Null when there is none.
 */
export async function pendingPromotions(
  occurrenceId: string,
): Promise<{ occurrence: OccurrenceView; userIds: string[] } | null> {
  if (!Types.ObjectId.isValid(occurrenceId)) return null;
  const doc = await EventOccurrence.findOne({
    _id: occurrenceId,
    status: { $in: ['scheduled', 'active'] },
    'promotedToTell.0': { $exists: true },
  }).lean();
  if (!doc) return null;
  const occurrence = toOccurrenceView(doc);
  const seated = new Set(
    occurrence.rsvps.filter((r) => r.answer === 'yes' && !r.waitlisted).map((r) => r.userId),
  );
  const stale = doc.promotedToTell.filter((id) => !seated.has(id));
  if (stale.length > 0) await markPromotionsTold(occurrenceId, stale);
  const userIds = doc.promotedToTell.filter((id) => seated.has(id));
  return userIds.length > 0 ? { occurrence, userIds } : null;
}

/** Takes one notice (atomic): false when it was told already or another run holds it. */
export async function claimPromotion(occurrenceId: string, userId: string, now: Date): Promise<boolean> {
  const field = claimField(userId);
  const res = await EventOccurrence.updateOne(
    {
      _id: occurrenceId,
      promotedToTell: userId,
      $or: [
        { [field]: { $exists: false } },
        { [field]: { $lte: new Date(now.getTime() - PROMOTION_LEASE_MS) } },
      ],
    },
    { $set: { [field]: now } },
  );
  return res.modifiedCount === 1;
}

/** Drops notices done (DM sent, or mentioned in the events channel). */
export async function markPromotionsTold(occurrenceId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await EventOccurrence.updateOne(
    { _id: occurrenceId },
    {
      $pullAll: { promotedToTell: [...userIds] },
      $unset: Object.fromEntries(userIds.map((id) => [claimField(id), ''])),
    },
  );
}
