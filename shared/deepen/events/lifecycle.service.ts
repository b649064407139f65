/**
 * An occurrence's life: reminders (each offset claimed once, whoever runs the job), the start,
 * attendance, the end. Every step is a conditional write, so a second worker or a job run again
 * after a restart finds it done and does nothing.
 */
import { Types } from 'mongoose';
import { EventOccurrence, EventSeries } from './event.model.js';
import { toOccurrenceView, type OccurrenceView } from './event-view.js';

const idOk = (id: string) => Types.ObjectId.isValid(id);

/** Who gets a reminder: a seat ("yes", not waitlisted), and reminders not stopped for the series. */
export async function reminderRecipients(occ: OccurrenceView): Promise<string[]> {
  const series = await EventSeries.findById(occ.seriesId, { remindersOff: 1 }).lean();
  const off = new Set(series?.remindersOff ?? []);
  return occ.rsvps
    .filter((r) => r.answer === 'yes' && !r.waitlisted && !off.has(r.userId))
    .map((r) => r.userId);
}

/** How long a run holds a recipient: a run that died is retried by agenda after its lock expires. */
export const REMINDER_LEASE_MS = 5 * 60_000;
const sentKey = (offsetMinutes: number, userId: string) => `${offsetMinutes}:${userId}`;
const claimField = (offsetMinutes: number, userId: string) => `reminderClaims.${offsetMinutes}_${userId}`;

/**
 * The reminder `offsetMinutes` before the start of a scheduled occurrence, if not finished: the
 * occurrence and the recipients not reminded yet (a run cut short leaves the rest to the next).
 */
export async function pendingReminder(
  occurrenceId: string,
  offsetMinutes: number,
): Promise<{ occurrence: OccurrenceView; recipients: string[] } | null> {
  if (!idOk(occurrenceId)) return null;
  const doc = await EventOccurrence.findOne({
    _id: occurrenceId,
    status: 'scheduled',
    remindersSent: { $ne: offsetMinutes },
  }).lean();
  if (!doc) return null;
  const occurrence = toOccurrenceView(doc);
  const done = new Set(doc.remindersSentTo ?? []);
  const recipients = (await reminderRecipients(occurrence)).filter(
    (id) => !done.has(sentKey(offsetMinutes, id)),
  );
  return { occurrence, recipients };
}

/**
 * Takes one recipient of a reminder (atomic): false when it was done, or another run holds it
 * (two workers on one job DM each person once).
 */
export async function claimReminderRecipient(
  occurrenceId: string,
  offsetMinutes: number,
  userId: string,
  now: Date,
): Promise<boolean> {
  const field = claimField(offsetMinutes, userId);
  const res = await EventOccurrence.updateOne(
    {
      _id: occurrenceId,
      status: 'scheduled',
      remindersSentTo: { $ne: sentKey(offsetMinutes, userId) },
      $or: [
        { [field]: { $exists: false } },
        { [field]: { $lte: new Date(now.getTime() - REMINDER_LEASE_MS) } },
      ],
    },
    { $set: { [field]: now } },
  );
  return res.modifiedCount === 1;
}

/** Records recipients reminded (their DM sent, or their mention posted). */
export async function markReminded(occurrenceId: string, offsetMinutes: number, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  await EventOccurrence.updateOne(
    { _id: occurrenceId },
    { $addToSet: { remindersSentTo: { $each: userIds.map((id) => sentKey(offsetMinutes, id)) } } },
  );
}

/** The reminder went to everyone: later runs do nothing. */
export async function finishReminder(occurrenceId: string, offsetMinutes: number): Promise<void> {
  await EventOccurrence.updateOne({ _id: occurrenceId }, { $addToSet: { remindersSent: offsetMinutes } });
}

/** SCHEDULED → active (Tsunagu's own state); null when it already started or was cancelled. */
export async function markStarted(occurrenceId: string, now: Date): Promise<OccurrenceView | null> {
  if (!idOk(occurrenceId)) return null;
  const doc = await EventOccurrence.findOneAndUpdate(
    { _id: occurrenceId, status: 'scheduled' },
    { $set: { status: 'active', startedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  return doc ? toOccurrenceView(doc) : null;
}

/** active → completed; null when it is not active (ended already, or never started). */
export async function markEnded(occurrenceId: string, now: Date): Promise<OccurrenceView | null> {
  if (!idOk(occurrenceId)) return null;
  const doc = await EventOccurrence.findOneAndUpdate(
    { _id: occurrenceId, status: 'active' },
    { $set: { status: 'completed', endedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  return doc ? toOccurrenceView(doc) : null;
}

/**
 * Records people seen in the lobby or the event's rooms while it is active (first sighting kept).
 * The mixer calls this for its rooms too. Returns how many were new.
 */
export async function recordAttendance(occurrenceId: string, userIds: readonly string[], now: Date) {
  if (!idOk(occurrenceId)) return 0;
  let added = 0;
  for (const userId of new Set(userIds)) {
    const res = await EventOccurrence.updateOne(
      { _id: occurrenceId, status: 'active', 'attendance.userId': { $ne: userId } },
      { $push: { attendance: { userId, firstSeenAt: now } } },
    );
    added += res.modifiedCount;
  }
  return added;
}

/** What became of the mixer at the start (none ran, started, failed). */
export async function recordMixerOutcome(
  occurrenceId: string,
  outcome: {
    state: 'notRun' | 'started' | 'failed';
    detail?: string | null;
    detailVars?: Record<string, string | number> | null;
    mixerId?: string | null;
  },
): Promise<void> {
  await EventOccurrence.updateOne(
    { _id: occurrenceId },
    {
      $set: {
        'mixerOutcome.state': outcome.state,
        'mixerOutcome.detail': outcome.detail ?? null,
        'mixerOutcome.detailVars': outcome.detailVars ?? null,
        'mixerOutcome.mixerId': outcome.mixerId ?? null,
      },
    },
  );
}

/**
 * Claims the start of an active occurrence's mixer (once: at the start when enough people are in
 * the lobby, on the join that makes enough, or when the grace period ends, whichever comes first).
 */
export async function claimMixerStart(occurrenceId: string): Promise<OccurrenceView | null> {
  if (!idOk(occurrenceId)) return null;
  const doc = await EventOccurrence.findOneAndUpdate(
    { _id: occurrenceId, status: 'active', mixer: { $ne: null }, 'mixerOutcome.state': 'none' },
    { $set: { 'mixerOutcome.state': 'pending' } },
    { returnDocument: 'after' },
  ).lean();
  return doc ? toOccurrenceView(doc) : null;
}
