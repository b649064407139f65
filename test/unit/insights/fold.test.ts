import { expect } from 'chai';
import {
  bucketLabels,
  compare,
  foldDays,
  foldHours,
  heatmap,
  previousPeriod,
  type HourRow,
} from '../../../shared/insights/fold.js';
import { localDayStart } from '../../../shared/insights/hours.js';

const HOUR = 3_600_000;

/** One message in every UTC hour from `from` (inclusive) to `to` (exclusive). */
function everyHour(from: string, to: string): HourRow[] {
  const rows: HourRow[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += HOUR)
    rows.push({ hour: new Date(t), messages: 1, voiceSeconds: 60, joins: 0, leaves: 0 });
  return rows;
}

describe('folding UTC hours into the guild calendar', () => {
  it('GIVEN America/New_York THEN 8 March 2026 has 23 hours and 1 November 2026 has 25', () => {
    const spring = foldHours(
      everyHour('2026-03-07T00:00:00Z', '2026-03-11T00:00:00Z'),
      'America/New_York',
      { from: '2026-03-07', to: '2026-03-09' },
      'day',
    );
    expect(spring.messages).to.deep.equal([24, 23, 24]);
    const autumn = foldHours(
      everyHour('2026-10-30T00:00:00Z', '2026-11-04T00:00:00Z'),
      'America/New_York',
      { from: '2026-10-31', to: '2026-11-02' },
      'day',
    );
    expect(autumn.messages).to.deep.equal([24, 25, 24]);
  });

  it('GIVEN Europe/London THEN 29 March 2026 has 23 hours and 25 October 2026 has 25', () => {
    const spring = foldHours(
      everyHour('2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'),
      'Europe/London',
      { from: '2026-03-28', to: '2026-03-30' },
      'day',
    );
    expect(spring.messages).to.deep.equal([24, 23, 24]);
    const autumn = foldHours(
      everyHour('2026-10-23T00:00:00Z', '2026-10-28T00:00:00Z'),
      'Europe/London',
      { from: '2026-10-24', to: '2026-10-26' },
      'day',
    );
    expect(autumn.messages).to.deep.equal([24, 25, 24]);
  });

  it('GIVEN a local day THEN it starts at local midnight in UTC (05:00Z in New York winter, 04:00Z in summer)', () => {
    expect(localDayStart('2026-03-07', 'America/New_York').toISOString()).to.equal(
      '2026-03-07T05:00:00.000Z',
    );
    expect(localDayStart('2026-03-09', 'America/New_York').toISOString()).to.equal(
      '2026-03-09T04:00:00.000Z',
    );
    expect(localDayStart('2026-10-26', 'Europe/London').toISOString()).to.equal('2026-10-26T00:00:00.000Z');
  });

  it('GIVEN weekly buckets THEN days fold into ISO weeks labelled by their Monday (DST week has 167 hours)', () => {
    const period = { from: '2026-03-02', to: '2026-03-15' };
    expect(bucketLabels(period, 'week')).to.deep.equal(['2026-03-02', '2026-03-09']);
    const weeks = foldHours(
      everyHour('2026-03-01T00:00:00Z', '2026-03-17T00:00:00Z'),
      'America/New_York',
      period,
      'week',
    );
    expect(weeks.messages).to.deep.equal([167, 168]);
    expect(weeks.voiceMinutes).to.deep.equal([167, 168]);
  });

  it('GIVEN the hour × weekday heatmap THEN hours are local: 14:00Z on a Sunday in June is 10:00 in New York, 15:00 in London', () => {
    const rows: HourRow[] = [
      { hour: new Date('2026-06-07T14:00:00Z'), messages: 3, voiceSeconds: 0, joins: 0, leaves: 0 },
    ];
    const period = { from: '2026-06-01', to: '2026-06-07' };
    expect(heatmap(rows, 'America/New_York', period)[6]![10]).to.equal(3);
    expect(heatmap(rows, 'Europe/London', period)[6]![15]).to.equal(3);
    expect(heatmap(rows, 'Asia/Tokyo', period)[6]![23]).to.equal(3);
  });

  it('GIVEN a period THEN the previous one has the same length just before it; Δ and % compare them', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-28' })).to.deep.equal({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(compare(15, 10)).to.deep.equal({ value: 15, previous: 10, delta: 5, percent: 50 });
    expect(compare(3, 0)).to.deep.equal({ value: 3, previous: 0, delta: 3, percent: null });
    // Averages have one decimal: the difference is rounded, not 0.09999999999999998.
    expect(compare(0.7, 0.6).delta).to.equal(0.1);
    expect(
      foldDays(
        [
          { day: '2026-03-02', count: 2 },
          { day: '2026-03-10', count: 1 },
        ],
        { from: '2026-03-02', to: '2026-03-15' },
        'week',
      ),
    ).to.deep.equal([2, 1]);
  });
});
