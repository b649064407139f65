import { expect } from 'chai';
import { pairReplan, type ReplanCandidate } from '../../../../shared/deepen/events/replan.js';

const live = (id: string, localDate: string): ReplanCandidate => ({ id, localDate, scheduled: true });

describe('pairReplan: existing occurrences against the new rule’s dates', () => {
  it('GIVEN weekly → every two weeks THEN keeps the shared dates and removes the others', () => {
    const out = pairReplan(
      [live('a', '2027-01-16'), live('b', '2027-01-23'), live('c', '2027-01-30'), live('d', '2027-02-06')],
      ['2027-01-16', '2027-01-30'],
    );
    expect(out).to.deep.equal({
      keep: [
        { id: 'a', date: '2027-01-16' },
        { id: 'c', date: '2027-01-30' },
      ],
      revive: [],
      create: [],
      remove: ['b', 'd'],
    });
  });

  it('GIVEN Saturdays → Sundays THEN moves each one, in date order, keeping its RSVPs', () => {
    const out = pairReplan([live('b', '2027-01-23'), live('a', '2027-01-16')], ['2027-01-17', '2027-01-24']);
    expect(out.keep).to.deep.equal([
      { id: 'a', date: '2027-01-17' },
      { id: 'b', date: '2027-01-24' },
    ]);
    expect(out.remove).to.deep.equal([]);
  });

  it('GIVEN a denser rule THEN creates the dates no occurrence takes', () => {
    const out = pairReplan([live('a', '2027-01-16')], ['2027-01-16', '2027-01-23', '2027-01-30']);
    expect(out.keep).to.deep.equal([{ id: 'a', date: '2027-01-16' }]);
    expect(out.create).to.deep.equal(['2027-01-23', '2027-01-30']);
  });

  it('GIVEN one removed by an earlier change THEN brings it back on its own date only', () => {
    const out = pairReplan(
      [
        live('a', '2027-01-16'),
        { id: 'gone', localDate: '2027-01-23', scheduled: false },
        { id: 'x', localDate: '2027-02-06', scheduled: false },
      ],
      ['2027-01-16', '2027-01-23', '2027-01-30'],
    );
    expect(out.revive).to.deep.equal([{ id: 'gone', date: '2027-01-23' }]);
    expect(out.create).to.deep.equal(['2027-01-30']);
    expect(out.remove).to.deep.equal([]);
  });

  it('GIVEN stop repeating THEN keeps the one occurrence and removes every later one', () => {
    const out = pairReplan([live('a', '2027-01-23'), live('b', '2027-01-30')], ['2027-01-23']);
    expect(out).to.deep.equal({
      keep: [{ id: 'a', date: '2027-01-23' }],
      revive: [],
      create: [],
      remove: ['b'],
    });
  });
});
