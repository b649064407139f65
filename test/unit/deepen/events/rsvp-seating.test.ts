import { expect } from 'chai';
import { applyAnswer, fillSeats } from '../../../../shared/deepen/events/rsvp-seating.js';
import type { RsvpView } from '../../../../shared/deepen/events/event-view.js';

const t = (minute: number) => new Date(Date.UTC(2027, 0, 1, 10, minute));

function answer(
  rsvps: RsvpView[],
  capacity: number | null,
  userId: string,
  a: 'yes' | 'maybe' | 'no',
  minute: number,
) {
  return applyAnswer(rsvps, capacity, userId, a, t(minute));
}

describe('RSVP seating with a capacity and a waitlist', () => {
  it('GIVEN 2 seats THEN the third "yes" waits in line', () => {
    let r = answer([], 2, 'a', 'yes', 1).rsvps;
    r = answer(r, 2, 'b', 'yes', 2).rsvps;
    r = answer(r, 2, 'c', 'yes', 3).rsvps;
    expect(r.map((x) => [x.userId, x.waitlisted])).to.deep.equal([
      ['a', false],
      ['b', false],
      ['c', true],
    ]);
  });

  it('moves the first in line up when a seated person changes to "no", and says who moved', () => {
    let r = answer([], 1, 'a', 'yes', 1).rsvps;
    r = answer(r, 1, 'b', 'yes', 2).rsvps;
    r = answer(r, 1, 'c', 'yes', 3).rsvps;
    const out = answer(r, 1, 'a', 'no', 4);
    expect(out.promoted).to.deep.equal(['b']);
    expect(out.rsvps.find((x) => x.userId === 'c')?.waitlisted).to.equal(true);
  });

  it('keeps a seat (and the place in line) when the same answer is given again', () => {
    let r = answer([], 1, 'a', 'yes', 1).rsvps;
    r = answer(r, 1, 'b', 'yes', 2).rsvps;
    const again = answer(r, 1, 'a', 'yes', 9);
    expect(again.rsvps).to.deep.equal(r);
    expect(again.promoted).to.deep.equal([]);
  });

  it('GIVEN no capacity THEN nobody waits', () => {
    let r: RsvpView[] = [];
    for (let i = 0; i < 50; i++) r = answer(r, null, `u${i}`, 'yes', i).rsvps;
    expect(r.filter((x) => x.waitlisted)).to.have.length(0);
  });

  it('seats the waitlist oldest first when the capacity grows, and never unseats when it shrinks', () => {
    let r = answer([], 1, 'a', 'yes', 1).rsvps;
    r = answer(r, 1, 'c', 'yes', 5).rsvps;
    r = answer(r, 1, 'b', 'yes', 3).rsvps;
    expect(fillSeats(r, 2).promoted).to.deep.equal(['b']);
    expect(fillSeats(fillSeats(r, 3).rsvps, 1).rsvps.filter((x) => !x.waitlisted)).to.have.length(3);
  });
});
