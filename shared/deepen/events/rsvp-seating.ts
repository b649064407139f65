/**
 * Seats for a capacity: pure rules, unit-tested. A "yes" takes a seat while there is one, else
 * waits in line (first come, first served by answer time); when a seat frees, the first in line
 * moves up. Lowering the capacity never takes a seat away from someone who has one.
 */
import type { RsvpAnswer } from './event.model.js';
import type { RsvpView } from './event-view.js';

export interface SeatingResult {
  rsvps: RsvpView[];
  /** Users who moved from the waitlist to a seat. */
  promoted: string[];
}

/** Promotes waitlisted "yes" answers into free seats, oldest first. */
export function fillSeats(rsvps: readonly RsvpView[], capacity: number | null): SeatingResult {
  const seated = rsvps.filter((r) => r.answer === 'yes' && !r.waitlisted).length;
  let free = capacity === null ? Infinity : capacity - seated;
  const line = rsvps
    .filter((r) => r.answer === 'yes' && r.waitlisted)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const promoted = new Set<string>();
  for (const r of line) {
    if (free <= 0) break;
    promoted.add(r.userId);
    free--;
  }
  return {
    rsvps: rsvps.map((r) => (promoted.has(r.userId) ? { ...r, waitlisted: false } : r)),
    promoted: [...promoted],
  };
}

/**
 * `userId` answers `answer` at `at`. Answering "yes" again keeps one's seat or place in line;
 * changing away from a seat frees it for the first in line.
 */
export function applyAnswer(
  rsvps: readonly RsvpView[],
  capacity: number | null,
  userId: string,
  answer: RsvpAnswer,
  at: Date,
): SeatingResult {
  const previous = rsvps.find((r) => r.userId === userId);
  if (previous && previous.answer === answer) return { rsvps: [...rsvps], promoted: [] };
  const others = rsvps.filter((r) => r.userId !== userId);
  const seated = others.filter((r) => r.answer === 'yes' && !r.waitlisted).length;
  const waitlisted = answer === 'yes' && capacity !== null && seated >= capacity;
  const mine: RsvpView = { userId, answer, waitlisted, at };
  return fillSeats([...others, mine], capacity);
}
