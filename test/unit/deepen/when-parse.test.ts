import { expect } from 'chai';
import { DateTime } from 'luxon';
import { parseWhen } from '../../../shared/deepen/when/index.js';
import type { WhenLocale, WhenResult } from '../../../shared/deepen/when/index.js';

const ZONES = ['Asia/Tokyo', 'America/New_York'] as const;
/** Expected instants come from luxon in the guild zone, never from the process's zone. */
const at = (wall: string, zone: string): Date => DateTime.fromISO(wall, { zone }).toJSDate();
/** Wednesday 28 Oct 2026, 10:00 in the guild zone (New York leaves DST on Sunday 1 Nov). */
const wednesday = (zone: string): Date => at('2026-10-28T10:00', zone);
const read = (text: string, zone: string, locale: WhenLocale, now = wednesday(zone)): WhenResult =>
  parseWhen(text, { zone, now, locale });
const walls = (dates: Date[], zone: string): string[] =>
  dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"));

function expectOk(result: WhenResult, wall: string, zone: string, assumed?: string[]): void {
  expect(result, JSON.stringify(result)).to.include({ ok: true, wallClock: wall });
  if (!result.ok) return;
  expect(result.start.toISOString()).to.equal(at(wall, zone).toISOString());
  expect(result.assumed).to.deep.equal(assumed);
}

const PHRASES: { text: string; locale: WhenLocale; wall: string; says: string; assumed?: string[] }[] = [
  { text: '来週土曜 20時', locale: 'ja', wall: '2026-11-07T20:00', says: 'Saturday of next week at 20:00' },
  { text: '明日の夜8時', locale: 'ja', wall: '2026-10-29T20:00', says: 'tomorrow at 20:00' },
  { text: '12/5 19:30', locale: 'ja', wall: '2026-12-05T19:30', says: '5 December at 19:30' },
  {
    text: '再来週の金曜 21:00',
    locale: 'ja',
    wall: '2026-11-13T21:00',
    says: 'Friday of the week after next',
  },
  { text: '3日後 20時', locale: 'ja', wall: '2026-10-31T20:00', says: 'three days later at 20:00' },
  { text: 'next Friday 9pm', locale: 'en', wall: '2026-11-06T21:00', says: 'Friday of next week at 21:00' },
  { text: 'tomorrow 8:30pm', locale: 'en', wall: '2026-10-29T20:30', says: 'tomorrow at 20:30' },
  { text: '今夜9時', locale: 'ja', wall: '2026-10-28T21:00', says: 'today at 21:00' },
  { text: '午後7時半', locale: 'ja', wall: '2026-10-28T19:30', says: 'today at 19:30', assumed: ['date'] },
  { text: '土曜日の20:00', locale: 'ja', wall: '2026-10-31T20:00', says: 'the coming Saturday at 20:00' },
  { text: '12月5日19時30分', locale: 'ja', wall: '2026-12-05T19:30', says: '5 December at 19:30' },
  { text: '2026-12-05 19:30', locale: 'ja', wall: '2026-12-05T19:30', says: '5 December 2026 at 19:30' },
  { text: 'in 3 days at 8pm', locale: 'en', wall: '2026-10-31T20:00', says: 'three days later at 20:00' },
  { text: 'Sat 20:00', locale: 'en', wall: '2026-10-31T20:00', says: 'the coming Saturday at 20:00' },
  { text: '三日後の夜9時', locale: 'ja', wall: '2026-10-31T21:00', says: 'three days later at 21:00' },
  { text: '2週間後 19時', locale: 'ja', wall: '2026-11-11T19:00', says: 'two weeks later at 19:00' },
  { text: '１２／５　１９：３０', locale: 'ja', wall: '2026-12-05T19:30', says: '5 December (full-width)' },
];

describe('parseWhen: the phrases organisers type (now = Wed 28 Oct 2026 10:00 local)', () => {
  for (const zone of ZONES) {
    for (const { text, locale, wall, says, assumed } of PHRASES) {
      it(`reads ${text} as ${says} (${wall}) in ${zone}`, () => {
        expectOk(read(text, zone, locale), wall, zone, assumed);
      });
    }

    it(`reads 今週末 as this Saturday, asking for a time (19:00/20:00/21:00) in ${zone}`, () => {
      const result = read('今週末', zone, 'ja');
      expect(result).to.include({ ok: false, reason: 'ambiguous' });
      if (!result.ok)
        expect(walls(result.suggestions, zone)).to.deep.equal(
          ['19', '20', '21'].map((h) => `2026-10-31T${h}:00`),
        );
    });
  }

  it('keeps 20:00 local after New York leaves DST (chrono alone is an hour off)', () => {
    const result = read('来週土曜 20時', 'America/New_York', 'ja');
    expect(result.ok && result.start.toISOString()).to.equal('2026-11-08T01:00:00.000Z');
  });

  it('reads the same text differently when the guild zones are on different dates', () => {
    const now = new Date('2026-10-28T16:00:00Z'); // Thu 01:00 in Tokyo, Wed 12:00 in New York
    expect(parseWhen('明日 20時', { zone: 'Asia/Tokyo', now, locale: 'ja' })).to.include({
      wallClock: '2026-10-30T20:00',
    });
    expect(parseWhen('明日 20時', { zone: 'America/New_York', now, locale: 'ja' })).to.include({
      wallClock: '2026-10-29T20:00',
    });
  });
});

describe('parseWhen and the process time zone', () => {
  function underProcessZone<T>(tz: string, run: () => T): T {
    const saved = process.env.TZ;
    process.env.TZ = tz;
    try {
      return run();
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  }

  it('gives identical results under TZ=UTC, America/Los_Angeles and Asia/Kolkata', () => {
    const readAll = (): string =>
      JSON.stringify(ZONES.flatMap((zone) => PHRASES.map((p) => read(p.text, zone, p.locale))));
    const runs = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'].map((tz) =>
      underProcessZone(tz, () => ({
        offset: new Date('2026-07-01T00:00:00Z').getTimezoneOffset(),
        out: readAll(),
      })),
    );
    expect(runs.map((r) => r.offset)).to.deep.equal([0, 420, -330]); // the switch really happened
    expect(runs[1]?.out).to.equal(runs[0]?.out);
    expect(runs[2]?.out).to.equal(runs[0]?.out);
  });
});
