import { expect } from 'chai';
import { DateTime } from 'luxon';
import {
  nextOccurrences,
  occurrencesBetween,
  wallClockToInstant,
} from '../../../shared/deepen/when/index.js';
import type { Occurrence, Recurrence, Series } from '../../../shared/deepen/when/index.js';

const utc = (iso: string): Date => new Date(iso);
const series = (zone: string, wallTime: string, startDate: string, recurrence: Recurrence): Series => ({
  zone,
  wallTime,
  startDate,
  recurrence,
});
const sundays: Recurrence = { kind: 'weekly', interval: 1, weekday: 7 };
const instants = (xs: Occurrence[]): string[] => xs.map((x) => x.start.toISOString());
const locals = (xs: Occurrence[], zone: string): string[] =>
  xs.map((x) => DateTime.fromJSDate(x.start, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ"));

describe('recurring series keep their wall-clock time across DST', () => {
  it('keeps a weekly 19:00 Europe/London series at 19:00 across the last Sunday of March', () => {
    const s = series('Europe/London', '19:00', '2026-03-01', sundays);
    const xs = occurrencesBetween(s, utc('2026-03-20T00:00Z'), utc('2026-04-10T00:00Z'));
    expect(locals(xs, 'Europe/London')).to.deep.equal([
      '2026-03-22T19:00+00:00',
      '2026-03-29T19:00+01:00',
      '2026-04-05T19:00+01:00',
    ]);
    expect(instants(xs)).to.deep.equal([
      '2026-03-22T19:00:00.000Z',
      '2026-03-29T18:00:00.000Z',
      '2026-04-05T18:00:00.000Z',
    ]);
  });

  it('keeps a weekly 19:00 Europe/London series at 19:00 across the last Sunday of October', () => {
    const xs = nextOccurrences(
      series('Europe/London', '19:00', '2026-10-01', sundays),
      utc('2026-10-17T00:00Z'),
      2,
    );
    expect(instants(xs)).to.deep.equal(['2026-10-18T18:00:00.000Z', '2026-10-25T19:00:00.000Z']);
  });

  it('keeps a weekly 19:00 America/New_York series at 19:00 across the second Sunday of March', () => {
    const xs = nextOccurrences(
      series('America/New_York', '19:00', '2026-02-01', sundays),
      utc('2026-02-28T00:00Z'),
      2,
    );
    expect(instants(xs)).to.deep.equal(['2026-03-02T00:00:00.000Z', '2026-03-08T23:00:00.000Z']);
  });

  it('keeps a weekly 19:00 America/New_York series at 19:00 across the first Sunday of November', () => {
    const xs = nextOccurrences(
      series('America/New_York', '19:00', '2026-10-01', sundays),
      utc('2026-10-24T00:00Z'),
      2,
    );
    expect(locals(xs, 'America/New_York')).to.deep.equal([
      '2026-10-25T19:00-04:00',
      '2026-11-01T19:00-05:00',
    ]);
  });

  it('moves 02:30 on the New York spring-forward day to 03:00 EDT, the first valid time', () => {
    const xs = nextOccurrences(
      series('America/New_York', '02:30', '2026-03-01', sundays),
      utc('2026-03-02T00:00Z'),
      2,
    );
    expect(locals(xs, 'America/New_York')).to.deep.equal([
      '2026-03-08T03:00-04:00',
      '2026-03-15T02:30-04:00',
    ]);
  });

  it('takes the earlier instant for 01:30 on the New York fall-back day', () => {
    expect(wallClockToInstant('America/New_York', '2026-11-01', '01:30').toISOString()).to.equal(
      '2026-11-01T05:30:00.000Z',
    );
    expect(wallClockToInstant('Europe/London', '2026-10-25', '01:30').toISOString()).to.equal(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('moves 01:30 on the London spring-forward day to 02:00 BST', () => {
    expect(wallClockToInstant('Europe/London', '2026-03-29', '01:30').toISOString()).to.equal(
      '2026-03-29T01:00:00.000Z',
    );
  });
});
