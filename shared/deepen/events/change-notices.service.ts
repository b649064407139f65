/**
 * Telling "yes" holders that their occurrence moved or was removed by a change of repeat. The
 * change itself records them (`changeToTell`, occurrence-writes.ts, replan.service.ts); these steps
 * take each notice once (a lease, so two workers DM once and a run that died is retaken) and drop it
 * once told, and clear a removal once Discord's event is gone.
 */
import { Types } from 'mongoose';
import { EventOccurrence } from './event.model.js';
import { toOccurrenceView, type OccurrenceView } from './event-view.js';
import { REPLANNED } from './replan.service.js';

/** How long a run holds a notice before another may take it. */
export const NOTICE_LEASE_MS = 5 * 60_000;
const claimField = (userId: string) => `noticeClaims.${userId}`;

/** Takes one notice (atomic): false when it was told already or another run holds it. */
export async function claimChangeNotice(occurrenceId: string, userId: string, now: Date): Promise<boolean> {
  const field = claimField(userId);
  const res = await EventOccurrence.updateOne(
    {
      _id: occurrenceId,
      changeToTell: userId,
      $or: [
        { [field]: { $exists: false } },
        { [field]: { $lte: new Date(now.getTime() - NOTICE_LEASE_MS) } },
      ],
    },
    { $set: { [field]: now } },
  );
  return res.modifiedCount === 1;
}

/** Drops notices done (DM sent, or mentioned in the events channel). */
export async function markChangeTold(occurrenceId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await EventOccurrence.updateOne(
    { _id: occurrenceId },
    {
      $pullAll: { changeToTell: [...userIds] },
      $unset: Object.fromEntries(userIds.map((id) => [claimField(id), ''])),
    },
  );
  // Everyone told: the start they agreed to is now the current one.
  await EventOccurrence.updateOne(
    { _id: occurrenceId, 'changeToTell.0': { $exists: false } },
    { $set: { movedFrom: null } },
  );
}

/** The removal is carried out in Discord (its event deleted or already gone). */
export async function markRemovalDone(occurrenceId: string): Promise<void> {
  await EventOccurrence.updateOne({ _id: occurrenceId }, { $set: { removalPending: false } });
}

/** A re-plan's occurrence is published. */
export async function markPublished(occurrenceId: string): Promise<void> {
  await EventOccurrence.updateOne({ _id: occurrenceId }, { $set: { toPublish: false } });
}

/**
 * A series' occurrences with a change not yet carried out (a removal, a notice, a publication): the
 * daily planning job finishes what a crashed edit left.
 */
export async function pendingChanges(seriesId: string): Promise<OccurrenceView[]> {
  if (!Types.ObjectId.isValid(seriesId)) return [];
  const docs = await EventOccurrence.find({
    seriesId,
    $or: [
      { status: 'cancelled', problems: REPLANNED, removalPending: true },
      { status: 'cancelled', problems: REPLANNED, 'changeToTell.0': { $exists: true } },
      { status: 'scheduled', toPublish: true },
      { status: 'scheduled', 'changeToTell.0': { $exists: true } },
    ],
  })
    .sort({ start: 1 })
    .lean();
  return docs.map(toOccurrenceView);
}
