import { expect } from 'chai';
import { DateTime } from 'luxon';
import { parseWhen } from '../../../shared/deepen/when/index.js';
import type { WhenLocale, WhenResult } from '../../../shared/deepen/when/index.js';

/** Expected instants come from luxon in the guild zone, never from the process's zone. */
const at = (wall: string, zone: string): Date => DateTime.fromISO(wall, { zone }).toJSDate();
/** Wednesday 28 Oct 2026, 10:00 in the guild zone. */
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

describe('parseWhen conventions', () => {
  const zone = 'Asia/Tokyo';
  const sunday = at('2026-11-01T10:00', zone);

  it('reads 来週土曜 on a Sunday as six days later: weeks start on Monday', () => {
    expect(read('来週土曜 20時', zone, 'ja', sunday)).to.include({ wallClock: '2026-11-07T20:00' });
    expect(read('next Saturday 8pm', zone, 'en', sunday)).to.include({ wallClock: '2026-11-07T20:00' });
  });

  it('reads 今週末 and "this weekend" on a Sunday as today', () => {
    for (const [text, locale] of [
      ['今週末 20時', 'ja'],
      ['this weekend 8pm', 'en'],
    ] as const) {
      expect(read(text, zone, locale, sunday)).to.include({ wallClock: '2026-11-01T20:00' });
    }
  });

  it('takes a bare hour 1–7 as pm and flags it, but not 午前 / 朝 / am / a leading zero', () => {
    expectOk(read('7時', zone, 'ja'), '2026-10-28T19:00', zone, ['date', 'pm']);
    expectOk(read('土曜 7:00', zone, 'ja'), '2026-10-31T19:00', zone, ['pm']);
    expectOk(read('午前7時', zone, 'ja'), '2026-10-29T07:00', zone, ['date']);
    expectOk(read('朝7時', zone, 'ja'), '2026-10-29T07:00', zone, ['date']);
    expectOk(read('7am', zone, 'en'), '2026-10-29T07:00', zone, ['date']);
    expectOk(read('07:00', zone, 'ja'), '2026-10-29T07:00', zone, ['date']);
  });

  it('reads English text in a Japanese guild and Japanese text in an English one', () => {
    expectOk(read('Sat 20:00', zone, 'ja'), '2026-10-31T20:00', zone);
    expectOk(read('来週土曜 20時', zone, 'en'), '2026-11-07T20:00', zone);
  });

  it('reads an announcement-style date with a holiday mark and a time range from its start', () => {
    expectOk(read('11月3日(火・祝) 14時〜16時', zone, 'ja'), '2026-11-03T14:00', zone);
  });

  it('reads a bare day of the month as this month, or next month once it has passed', () => {
    expectOk(read('30日 20時', zone, 'ja'), '2026-10-30T20:00', zone);
    expectOk(read('5日 20時', zone, 'ja'), '2026-11-05T20:00', zone);
  });

  it('keeps 8–11 without am/pm in the morning', () => {
    expectOk(read('土曜 10時', zone, 'ja'), '2026-10-31T10:00', zone);
  });

  it('moves a time without a date to tomorrow once it has passed today', () => {
    expectOk(read('9:30', zone, 'en'), '2026-10-29T09:30', zone, ['date']);
  });

  it('takes a weekday that is today only while its time is still ahead', () => {
    const saturday = at('2026-10-31T20:30', zone);
    expectOk(read('土曜 21時', zone, 'ja', saturday), '2026-10-31T21:00', zone);
    expectOk(read('土曜 20時', zone, 'ja', saturday), '2026-11-07T20:00', zone);
  });

  it('uses defaultTime for a day without a time and flags it', () => {
    const result = parseWhen('来週土曜', { zone, now: wednesday(zone), locale: 'ja', defaultTime: '20:00' });
    expectOk(result, '2026-11-07T20:00', zone, ['time']);
  });

  it('offers the evening times still ahead for a day without a time', () => {
    const result = read('今日', zone, 'ja', at('2026-10-28T19:30', zone));
    expect(result).to.include({ ok: false, reason: 'ambiguous' });
    if (!result.ok)
      expect(walls(result.suggestions, zone)).to.deep.equal(['2026-10-28T20:00', '2026-10-28T21:00']);
  });

  it('refuses a past instant and suggests the same wall time tomorrow and a week later', () => {
    const result = read('今夜9時', zone, 'ja', at('2026-10-28T22:00', zone));
    expect(result).to.include({ ok: false, reason: 'past' });
    if (!result.ok)
      expect(walls(result.suggestions, zone)).to.deep.equal(['2026-10-29T21:00', '2026-11-04T21:00']);
  });

  it('treats a month/day a few days gone as past, but one months gone as next year', () => {
    const december = at('2026-12-20T10:00', zone);
    expect(read('12/18 19:30', zone, 'ja', december)).to.include({ ok: false, reason: 'past' });
    expect(read('1/10 20時', zone, 'ja', december)).to.include({ wallClock: '2027-01-10T20:00' });
  });

  it('calls two separate times ambiguous and suggests each', () => {
    const result = read('土曜 20時か日曜 19時', zone, 'ja');
    expect(result).to.include({ ok: false, reason: 'ambiguous' });
    if (!result.ok)
      expect(walls(result.suggestions, zone)).to.deep.equal(['2026-10-31T20:00', '2026-11-01T19:00']);
  });

  it('answers unparseable text with tomorrow 20:00 and the next Saturday 20:00 to pick from', () => {
    const result = read('そのうち', zone, 'ja');
    expect(result).to.include({ ok: false, reason: 'unparseable' });
    if (!result.ok)
      expect(walls(result.suggestions, zone)).to.deep.equal(['2026-10-29T20:00', '2026-10-31T20:00']);
  });

  it('honours an offset the text names itself ("9pm EST")', () => {
    const result = read('10/30 9pm EST', 'Asia/Tokyo', 'en');
    expect(result.ok && result.start.toISOString()).to.equal('2026-10-31T02:00:00.000Z');
  });

  it('moves a time inside a spring-forward gap to the first valid time', () => {
    expectOk(
      read('2027-03-14 02:30', 'America/New_York', 'en', at('2027-03-01T10:00', 'America/New_York')),
      '2027-03-14T03:00',
      'America/New_York',
    );
  });
});
