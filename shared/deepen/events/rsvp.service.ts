/**
 * RSVPs live in Tsunagu (bots cannot mark people "Interested" in Discord). Writes use the
 * occurrence's `rev` as an optimistic lock: two people clicking at once both count.
 */
import { Types } from 'mongoose';
import { DomainError } from '../../errors.js';
import { EventOccurrence, EventSeries, type RsvpAnswer } from './event.model.js';
import { toOccurrenceView, type OccurrenceView, type RsvpView } from './event-view.js';
import { applyAnswer, fillSeats } from './rsvp-seating.js';

/** Tries before answering "busy"; between them a short random wait spreads out the clicks. */
const RETRIES = 25;
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * (attempt + 1))));

export interface RsvpOutcome {
  occurrence: OccurrenceView;
  answer: RsvpAnswer;
  waitlisted: boolean;
  /** People who moved up from the waitlist because of this change. */
  promoted: string[];
}

async function rewriteRsvps(
  guildId: string,
  occurrenceId: string,
  change: (doc: OccurrenceView) => { rsvps: RsvpView[]; promoted: string[] },
): Promise<{ occurrence: OccurrenceView; promoted: string[] }> {
  if (!Types.ObjectId.isValid(occurrenceId))
    throw new DomainError('NOT_FOUND', 'deepen.events.error.notFound');
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const doc = await EventOccurrence.findOne({ _id: occurrenceId, guildId }).lean();
    if (!doc) throw new DomainError('NOT_FOUND', 'deepen.events.error.notFound');
    const view = toOccurrenceView(doc);
    if (view.status !== 'scheduled' && view.status !== 'active')
      throw new DomainError(
        'CONFLICT',
        'deepen.events.error.closed',
        { title: view.title },
        { reason: 'CLOSED' },
      );
    const { rsvps, promoted } = change(view);
    const res = await EventOccurrence.updateOne(
      { _id: doc._id, rev: doc.rev ?? 0 },
      {
        $set: { rsvps },
        $inc: { rev: 1 },
        ...(promoted.length > 0 ? { $addToSet: { promotedToTell: { $each: promoted } } } : {}),
      },
    );
    if (res.matchedCount === 1) {
      const after = await EventOccurrence.findById(doc._id).lean();
      return { occurrence: toOccurrenceView(after), promoted };
    }
    await backoff(attempt);
  }
  throw new DomainError('CONFLICT', 'deepen.events.error.busy', {}, { reason: 'BUSY' });
}

/**
 * Records `userId`'s answer. A "yes" beyond the capacity goes on the waitlist; leaving a seat
 * moves the first in line up (returned in `promoted`, so they can be told).
 * @throws DomainError NOT_FOUND, CONFLICT (the occurrence is over or cancelled)
 */
export async function answerRsvp(args: {
  guildId: string;
  occurrenceId: string;
  userId: string;
  answer: RsvpAnswer;
  now: Date;
}): Promise<RsvpOutcome> {
  const { occurrence, promoted } = await rewriteRsvps(args.guildId, args.occurrenceId, (view) =>
    applyAnswer(view.rsvps, view.capacity, args.userId, args.answer, args.now),
  );
  const mine = occurrence.rsvps.find((r) => r.userId === args.userId);
  return { occurrence, answer: args.answer, waitlisted: mine?.waitlisted ?? false, promoted };
}

/**
 * Removes a person's answer from an open occurrence (their data erased) and re-seats it: the
 * first in line takes a freed seat (returned in `promoted`).
 */
export async function removeAnswer(guildId: string, occurrenceId: string, userId: string) {
  return rewriteRsvps(guildId, occurrenceId, (view) =>
    fillSeats(
      view.rsvps.filter((r) => r.userId !== userId),
      view.capacity,
    ),
  );
}

/** Stops (or restarts) reminders for one person across the series. */
export async function setRemindersOff(args: {
  guildId: string;
  occurrenceId: string;
  userId: string;
  off: boolean;
}): Promise<void> {
  if (!Types.ObjectId.isValid(args.occurrenceId))
    throw new DomainError('NOT_FOUND', 'deepen.events.error.notFound');
  const occ = await EventOccurrence.findOne({ _id: args.occurrenceId, guildId: args.guildId }).lean();
  if (!occ) throw new DomainError('NOT_FOUND', 'deepen.events.error.notFound');
  await EventSeries.updateOne(
    { _id: occ.seriesId },
    args.off ? { $addToSet: { remindersOff: args.userId } } : { $pull: { remindersOff: args.userId } },
  );
}

/** Records Discord's Interested list changes (a soft RSVP shown beside). */
export async function setInterested(discordEventId: string, userId: string, interested: boolean) {
  const res = await EventOccurrence.findOneAndUpdate(
    { discordEventId },
    interested ? { $addToSet: { interested: userId } } : { $pull: { interested: userId } },
    { returnDocument: 'after' },
  ).lean();
  return res ? toOccurrenceView(res) : null;
}

/** Replaces the Interested list with Discord's own (read whole); true when it changed. */
export async function replaceInterested(occurrenceId: string, userIds: readonly string[]): Promise<boolean> {
  if (!Types.ObjectId.isValid(occurrenceId)) return false;
  const wanted = [...new Set(userIds)].sort();
  const doc = await EventOccurrence.findById(occurrenceId, { interested: 1 }).lean();
  if (!doc || JSON.stringify([...doc.interested].sort()) === JSON.stringify(wanted)) return false;
  await EventOccurrence.updateOne({ _id: occurrenceId }, { $set: { interested: wanted } });
  return true;
}
