import type { Types } from 'mongoose';
import { DomainError } from '../../errors.js';
import { wallClockOf } from '../when/index.js';
import { EventOccurrence } from './event.model.js';

/**
 * Refuses a second event in the same lobby at an overlapping time: two mixers would move the
 * same people. `exceptOccurrenceId` leaves out the occurrence being edited.
 * @throws DomainError CONFLICT naming the other event
 */
export async function assertNoOverlap(
  guildId: string,
  lobbyChannelId: string,
  start: Date,
  end: Date,
  zone: string,
  except: { occurrenceId?: string; seriesId?: string } = {},
): Promise<void> {
  const other = await EventOccurrence.findOne({
    guildId,
    lobbyChannelId,
    status: { $in: ['scheduled', 'active'] },
    start: { $lt: end },
    end: { $gt: start },
    ...(except.occurrenceId ? { _id: { $ne: except.occurrenceId } } : {}),
    ...(except.seriesId ? { seriesId: { $ne: except.seriesId } } : {}),
  }).lean();
  if (other) throw overlapError(other, zone);
}

/**
 * After a series is stored: an event in the same lobby at an overlapping time that was there
 * first (an older id), e.g. another organiser who confirmed at the same moment. Checking before
 * inserting alone lets two confirms through; each checks again after, and the later one yields.
 */
export async function earlierOverlap(occurrence: {
  _id: Types.ObjectId;
  guildId: string;
  lobbyChannelId: string;
  seriesId: Types.ObjectId;
  start: Date;
  end: Date;
}) {
  return EventOccurrence.findOne({
    guildId: occurrence.guildId,
    lobbyChannelId: occurrence.lobbyChannelId,
    status: { $in: ['scheduled', 'active'] },
    start: { $lt: occurrence.end },
    end: { $gt: occurrence.start },
    seriesId: { $ne: occurrence.seriesId },
    _id: { $lt: occurrence._id },
  }).lean();
}

export function overlapError(other: { title: string; start: Date }, zone: string): DomainError {
  return new DomainError(
    'CONFLICT',
    'deepen.events.error.overlap',
    { title: other.title, when: wallClockOf(other.start, zone).replace('T', ' ') },
    { reason: 'OVERLAP' },
  );
}
