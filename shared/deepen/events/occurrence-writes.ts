/** The writes of an edit to one occurrence (manage.service, replan.service). */
import type { Types } from 'mongoose';
import { DomainError } from '../../errors.js';
import { EventOccurrence } from './event.model.js';
import { toOccurrenceView } from './event-view.js';
import { fillSeats } from './rsvp-seating.js';

const EDIT_RETRIES = 8;

/**
 * Writes one occurrence's edit under its `rev` (an RSVP written meanwhile is re-seated, never
 * lost). A moved start reopens its reminders and records its "yes" holders to be told; a new
 * lobby clears the "lobby deleted" problem.
 * Null when it started meanwhile.
 */
export async function writeEdit(
  plan: { target: { _id: Types.ObjectId }; date: string; start: Date; end: Date },
  fields: object & { lobbyChannelId: string },
  capacity: number | null,
) {
  for (let attempt = 0; attempt < EDIT_RETRIES; attempt++) {
    const doc = await EventOccurrence.findOne({ _id: plan.target._id, status: 'scheduled' }).lean();
    if (!doc) return null;
    const moved = doc.start.getTime() !== plan.start.getTime();
    const seats = fillSeats(toOccurrenceView(doc).rsvps, capacity);
    // The "yes" holders are told the new time (bot/deepen/events/flows/changes.ts), against the
    // start they agreed to; moved back there, nothing is left to tell.
    const agreed: Date = doc.movedFrom ?? doc.start;
    const notice = !moved
      ? {}
      : agreed.getTime() === plan.start.getTime()
        ? { changeToTell: [], movedFrom: null, noticeClaims: {} }
        : {
            changeToTell: seats.rsvps.filter((r) => r.answer === 'yes').map((r) => r.userId),
            movedFrom: agreed,
            noticeClaims: {},
          };
    const res = await EventOccurrence.updateOne(
      { _id: doc._id, status: 'scheduled', rev: doc.rev ?? 0 },
      {
        $set: {
          ...fields,
          localDate: plan.date,
          start: plan.start,
          end: plan.end,
          rsvps: seats.rsvps,
          ...(moved ? { remindersSent: [], remindersSentTo: [], reminderClaims: {} } : {}),
          ...notice,
        },
        $inc: { rev: 1 },
        // A larger capacity seats the first in line: they are told (bot/deepen/events/flows/seats.ts).
        ...(seats.promoted.length > 0 ? { $addToSet: { promotedToTell: { $each: seats.promoted } } } : {}),
        ...(fields.lobbyChannelId !== doc.lobbyChannelId
          ? { $pull: { problems: 'deepen.events.problem.lobbyDeleted' } }
          : {}),
      },
    );
    if (res.matchedCount === 1) return EventOccurrence.findById(doc._id).lean();
  }
  throw new DomainError('CONFLICT', 'deepen.events.error.busy', {}, { reason: 'BUSY' });
}
