import { expect } from 'chai';
import { DateTime } from 'luxon';
import { parseWhen } from '../../../shared/deepen/when/index.js';
import type { WhenResult } from '../../../shared/deepen/when/index.js';

/** 夜12時 is the midnight ending the evening named, never noon; 深夜N時 the small hours after it. */
const ZONES = ['Asia/Tokyo', 'Europe/London'] as const;
const at = (wall: string, zone: string): Date => DateTime.fromISO(wall, { zone }).toJSDate();
const wall = (r: WhenResult, zone: string) =>
  r.ok ? DateTime.fromJSDate(r.start, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") : JSON.stringify(r);

const CASES: { text: string; wall: string; now?: string }[] = [
  { text: '明日の夜12時', wall: '2026-10-30T00:00' },
  { text: '夜12時', wall: '2026-10-29T00:00' },
  { text: '今夜0時', wall: '2026-10-29T00:00' },
  { text: '金曜の深夜0時', wall: '2026-10-31T00:00' },
  { text: '土曜 深夜1時半', wall: '2026-11-01T01:30' },
  { text: '深夜12時', wall: '2026-10-29T00:00' },
  // At 00:30 the small hour still ahead tonight is today's.
  { text: '深夜2時', wall: '2026-10-29T02:00', now: '2026-10-29T00:30' },
  // Ordinary evening hours are untouched.
  { text: '明日の夜8時', wall: '2026-10-29T20:00' },
];

describe('parseWhen: late-night times in Japanese', () => {
  for (const zone of ZONES)
    for (const c of CASES)
      it(`reads 「${c.text}」 as ${c.wall} in ${zone}`, () => {
        const now = at(c.now ?? '2026-10-28T10:00', zone);
        const result = parseWhen(c.text, { zone, now, locale: 'ja' });
        expect(wall(result, zone)).to.equal(c.wall);
        if (result.ok) expect(result.wallClock).to.equal(c.wall);
      });

  it('offers the midnights after the evenings it suggests when the one named has passed', () => {
    const zone = 'Asia/Tokyo';
    const result = parseWhen('10/27 夜12時', { zone, now: at('2026-10-28T10:00', zone), locale: 'ja' });
    expect(result).to.include({ ok: false, reason: 'past' });
    if (!result.ok)
      expect(
        result.suggestions.map((d) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm")),
      ).to.deep.equal(['2026-10-30T00:00', '2026-11-04T00:00']);
  });
});
