/**
 * Reads an event time typed by an organiser ("来週土曜 20時", "next Friday 9pm") in the guild's
 * IANA zone.
 *
 * Conventions (each has a test in test/unit/deepen/when-parse.test.ts):
 * - Weeks start on Monday, as Japanese calendars usually mean: 来週土曜 / "next Saturday" is the
 *   Saturday of next week, 再来週 the week after. On Sunday 1 Nov, 来週土曜 is 7 Nov.
 * - 今週末 / 週末 / "this weekend" is this week's Saturday (today, on a Sunday); 来週末 next week's.
 * - A plain weekday (土曜日, "Sat", "this Friday") is the next one to come; today counts when the
 *   time is still ahead.
 * - A time without a date is its next occurrence (today, else tomorrow): assumed 'date'.
 * - A date without a time is 'ambiguous', suggesting 19:00, 20:00 and 21:00 that day (those
 *   still ahead), unless `defaultTime` is given: assumed 'time'.
 * - 夜/晩/夕方/今夜/tonight/pm make an hour evening (夜8時 = 20:00); 朝/午前/am keep it morning.
 * - A bare hour 1–7 with no 午前/am and no leading zero is read as pm (7時 = 19:00, "at 7" = 19:00):
 *   assumed 'pm'. Nobody holds an alumni mixer at 7 in the morning; "07:00" stays 07:00. Hours
 *   8–11 stay morning (朝活 and brunch meetups happen; 8 pm is said 20時 or 夜8時).
 * - A month/day without a year is this year's, or next year's if that is more than 30 days gone;
 *   within 30 days it is 'past' (a typo is likelier than an event eleven months away).
 * - A past instant is `{ ok: false, reason: 'past' }` suggesting the same wall time tomorrow and
 *   a week after the date read.
 * - Two or more separate times in the text are 'ambiguous', suggesting each.
 * - An explicit offset or abbreviation in the text ("9pm EST") wins over the guild zone.
 * - Text that names nothing is 'unparseable', suggesting tomorrow 20:00 and the next Saturday 20:00.
 * - Full-width digits and punctuation are NFKC-normalised first and holiday marks dropped
 *   ("11月3日(火・祝)"); `matched` is from that text.
 * - A bare day of the month ("5日 20時") is this month's, or next month's once it has passed.
 * - 夜12時 / 夜0時 / 深夜0時 / 深夜12時 is the midnight that ends the day named (明日の夜12時 is
 *   the day after tomorrow at 00:00, never noon); 深夜1〜4時 is that night's small hours, the next
 *   calendar day.
 * - A wall time that does not exist (spring-forward gap) becomes the first valid time after it;
 *   one that happens twice (fall-back) takes the earlier instant (see zone-time.ts).
 */
import { readWithChrono } from './chrono-engines.js';
import { futureOnly, resolveWhen } from './resolve-when.js';
import { addLocalDays, isoWeekdayOf, localDateOf, wallClockOf, wallClockToInstant } from './zone-time.js';
import type { WhenOptions, WhenResult } from './when.types.js';

const MAX_SUGGESTIONS = 5;

/**
 * NFKC (full-width digits and punctuation to ASCII), then holiday marks dropped from a weekday
 * in brackets, "(火・祝)" → "(火)", which chrono reads; "(祝)" alone goes.
 */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\((祝|祭|休)日?\)/g, '')
    .replace(/\s*[・･/]\s*(祝|祭|休)日?\)/g, ')')
    .trim();
}

function fallbackSuggestions(opts: WhenOptions): Date[] {
  const today = localDateOf(opts.now, opts.zone);
  const saturday = addLocalDays(today, (6 - isoWeekdayOf(today) + 7) % 7 || 7);
  const days = [addLocalDays(today, 1), saturday];
  return futureOnly(
    days.map((d) => wallClockToInstant(opts.zone, d, '20:00')),
    opts.now,
  );
}

/** 夜12時, 今夜0時, 深夜1時半, 夜中2時: a time after midnight, said as part of the evening before. */
const LATE_NIGHT = /(深夜|夜中|今夜|今晩|夜|晩)\s*の?\s*(\d{1,2})\s*時\s*(?:(半)|(\d{1,2})\s*分?)?/;

/**
 * The text with a late-night time replaced by 23:00 of the evening it belongs to, and the time
 * it really is (on the next calendar day); null when there is none.
 */
function lateNight(text: string): { text: string; time: string } | null {
  const match = LATE_NIGHT.exec(text);
  if (!match) return null;
  const [whole, part = '', hourText = '', half, minuteText] = match;
  const small = part === '深夜' || part === '夜中';
  let hour = Number(hourText);
  if (hour === 12) hour = 0;
  if (small ? hour > 4 : hour !== 0) return null;
  const minute = half ? 30 : Number(minuteText ?? 0);
  if (minute > 59) return null;
  const evening = small ? '夜' : part;
  return {
    text: text.replace(whole, `${evening}11時`),
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  };
}

/**
 * Reads `text` as one event start in `opts.zone` at reference instant `opts.now`.
 * Independent of the process's time zone. Throws a RangeError for an unknown zone.
 */
export function parseWhen(text: string, opts: WhenOptions): WhenResult {
  const late = opts.locale === 'ja' ? lateNight(normalise(text)) : null;
  if (late) {
    const evening = parseWhenText(late.text, opts);
    const after = (d: Date) =>
      wallClockToInstant(opts.zone, addLocalDays(localDateOf(d, opts.zone), 1), late.time);
    if (!evening.ok) return { ...evening, suggestions: futureOnly(evening.suggestions.map(after), opts.now) };
    const today = localDateOf(opts.now, opts.zone);
    // No day named: the next such small hour (tonight's midnight, not tomorrow's); otherwise the
    // small hours after the evening named (23:00 that evening is ahead, so this is too).
    const start = evening.assumed?.includes('date')
      ? [today, addLocalDays(today, 1)]
          .map((d) => wallClockToInstant(opts.zone, d, late.time))
          .find((d) => d > opts.now)!
      : after(evening.start);
    return { ...evening, start, wallClock: wallClockOf(start, opts.zone), matched: normalise(text) };
  }
  return parseWhenText(text, opts);
}

function parseWhenText(text: string, opts: WhenOptions): WhenResult {
  const normalised = normalise(text);
  const results = normalised ? readWithChrono(normalised, opts.locale, opts.now, opts.zone) : [];
  if (results.length === 0)
    return { ok: false, reason: 'unparseable', suggestions: fallbackSuggestions(opts) };
  const resolved = results.map((result) => resolveWhen(result, opts));
  const [only] = resolved;
  if (only && resolved.length === 1) return only;
  const candidates = resolved.flatMap((r) => (r.ok ? [r.start] : r.suggestions));
  return {
    ok: false,
    reason: 'ambiguous',
    suggestions: futureOnly(candidates, opts.now).slice(0, MAX_SUGGESTIONS),
  };
}
