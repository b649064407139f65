import { expect } from 'chai';
import {
  nextOccurrences,
  occurrencesBetween,
  wallClockToInstant,
} from '../../../shared/deepen/when/index.js';
import type { Occurrence, Recurrence, Series } from '../../../shared/deepen/when/index.js';

const utc = (iso: string): Date => new Date(iso);
const series = (
  zone: string,
  wallTime: string,
  startDate: string,
  recurrence: Recurrence,
  extra = {},
): Series => ({
  zone,
  wallTime,
  startDate,
  recurrence,
  ...extra,
});
const saturdays: Recurrence = { kind: 'weekly', interval: 1, weekday: 6 };
const dates = (xs: Occurrence[]): string[] => xs.map((x) => x.localDate);

describe('recurrence kinds', () => {
  const tokyo = (rec: Recurrence, startDate = '2026-01-01', extra = {}): Series =>
    series('Asia/Tokyo', '20:00', startDate, rec, extra);
  const year2026 = [utc('2025-12-31T15:00Z'), utc('2026-12-31T15:00Z')] as const;

  it('starts a weekly series on the first matching weekday on or after its start date', () => {
    expect(dates(nextOccurrences(tokyo(saturdays, '2026-11-04'), utc('2026-01-01T00:00Z'), 2))).to.deep.equal(
      ['2026-11-07', '2026-11-14'],
    );
  });

  it('keeps every-other-week parity from the first occurrence, wherever the window starts', () => {
    const s = tokyo({ kind: 'weekly', interval: 2, weekday: 6 }, '2026-11-07');
    expect(dates(nextOccurrences(s, utc('2026-11-10T00:00Z'), 3))).to.deep.equal([
      '2026-11-21',
      '2026-12-05',
      '2026-12-19',
    ]);
  });

  it('finds the 2nd Saturday of every month', () => {
    const s = tokyo({ kind: 'monthlyNthWeekday', nth: 2, weekday: 6 });
    expect(dates(occurrencesBetween(s, ...year2026)).slice(0, 4)).to.deep.equal([
      '2026-01-10',
      '2026-02-14',
      '2026-03-14',
      '2026-04-11',
    ]);
  });

  it('skips months without a 5th Saturday (第5土曜)', () => {
    const s = tokyo({ kind: 'monthlyNthWeekday', nth: 5, weekday: 6 });
    expect(dates(occurrencesBetween(s, ...year2026))).to.deep.equal([
      '2026-01-31',
      '2026-05-30',
      '2026-08-29',
      '2026-10-31',
    ]);
  });

  it('reads nth -1 as the last Friday of the month', () => {
    const s = tokyo({ kind: 'monthlyNthWeekday', nth: -1, weekday: 5 });
    expect(dates(nextOccurrences(s, utc('2026-01-01T00:00Z'), 3))).to.deep.equal([
      '2026-01-30',
      '2026-02-27',
      '2026-03-27',
    ]);
  });

  it('runs weekdays Monday to Friday, minus skips, up to and including until', () => {
    const s = tokyo({ kind: 'weekdays' }, '2026-11-05', { until: '2026-11-12', skips: ['2026-11-10'] });
    expect(dates(nextOccurrences(s, utc('2026-01-01T00:00Z'), 10))).to.deep.equal([
      '2026-11-05',
      '2026-11-06',
      '2026-11-09',
      '2026-11-11',
      '2026-11-12',
    ]);
  });

  it('lists occurrences in [from, to): one starting exactly at `to` is left out', () => {
    const s = tokyo(saturdays, '2026-11-01');
    const at = wallClockToInstant('Asia/Tokyo', '2026-11-14', '20:00');
    expect(dates(occurrencesBetween(s, utc('2026-11-07T11:00Z'), at))).to.deep.equal(['2026-11-07']);
  });

  it('returns occurrences strictly after the given instant, and none for count 0', () => {
    const s = tokyo(saturdays, '2026-11-01');
    const first = wallClockToInstant('Asia/Tokyo', '2026-11-07', '20:00');
    expect(dates(nextOccurrences(s, first, 1))).to.deep.equal(['2026-11-14']);
    expect(nextOccurrences(s, first, 0)).to.deep.equal([]);
  });

  it('refuses a malformed series with a RangeError', () => {
    expect(() => nextOccurrences(tokyo(saturdays, '2026-13-01'), utc('2026-01-01T00:00Z'), 1)).to.throw(
      RangeError,
    );
    expect(() =>
      nextOccurrences({ ...tokyo(saturdays), wallTime: '24:00' }, utc('2026-01-01T00:00Z'), 1),
    ).to.throw(RangeError);
    expect(() => nextOccurrences({ ...tokyo(saturdays), zone: 'JST' }, utc('2026-01-01T00:00Z'), 1)).to.throw(
      RangeError,
    );
  });
});

describe('recurring series and the process time zone', () => {
  it('gives identical occurrences under TZ=UTC and America/Los_Angeles', () => {
    const s = series('America/New_York', '19:00', '2026-01-01', {
      kind: 'monthlyNthWeekday',
      nth: 2,
      weekday: 7,
    });
    const run = (tz: string): string => {
      const saved = process.env.TZ;
      process.env.TZ = tz;
      try {
        return JSON.stringify(occurrencesBetween(s, utc('2026-01-01T00:00Z'), utc('2027-01-01T00:00Z')));
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    };
    expect(run('America/Los_Angeles')).to.equal(run('UTC'));
  });
});
