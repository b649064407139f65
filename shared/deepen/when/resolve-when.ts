/**
 * Turns one chrono result into a `WhenResult` under Tsunagu's conventions (see parse-when.ts).
 * Only chrono's *certain* components are trusted; dates and instants are computed here with
 * luxon in the guild zone.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import {
  addLocalDays,
  calendarDay,
  isoWeekdayOf,
  localDateOf,
  wallClockOf,
  wallClockToInstant,
} from './zone-time.js';
import type { IsoWeekday, WhenAssumption, WhenOptions, WhenResult } from './when.types.js';

/** Offered when the text names a day but no time. */
export const EVENING_TIMES = ['19:00', '20:00', '21:00'] as const;
/** A month/day without a year this many days back is taken as a mistake ('past'), not next year. */
const PAST_GRACE_DAYS = 30;

type DatePart =
  { kind: 'fixed'; localDate: string } | { kind: 'weekday'; weekday: IsoWeekday } | { kind: 'none' };

const pad = (n: number): string => String(n).padStart(2, '0');

function safeDate(year: number, month: number, day: number): string | undefined {
  const date = DateTime.utc(year, month, day);
  return date.isValid && date.day === day ? (date.toISODate() ?? undefined) : undefined;
}

/** "HH:mm" from chrono's certain hour; a bare 1–7 (no 午前/am, no leading zero) is taken as pm. */
function readTime(c: ParsedComponents, text: string, assumed: WhenAssumption[]): string | undefined {
  if (!c.isCertain('hour')) return undefined;
  let hour = c.get('hour') ?? 0;
  const minute = c.get('minute') ?? 0;
  if (!c.isCertain('meridiem') && hour >= 1 && hour <= 7 && !/(^|\D)0\d\s*[:時]/.test(text)) {
    hour += 12;
    assumed.push('pm');
  }
  return `${pad(hour)}:${pad(minute)}`;
}

function readDate(c: ParsedComponents, today: string): DatePart | undefined {
  if (c.isCertain('day')) {
    const now = calendarDay(today);
    const day = c.get('day') ?? 0;
    if (c.isCertain('year') && c.isCertain('month')) {
      const localDate = safeDate(c.get('year') ?? 0, c.get('month') ?? 0, day);
      return localDate ? { kind: 'fixed', localDate } : undefined;
    }
    if (c.isCertain('month')) {
      // Year left out: this year's, unless that is well past, then next year's.
      const month = c.get('month') ?? 0;
      const thisYear = safeDate(now.year, month, day);
      const fresh = thisYear !== undefined && thisYear >= addLocalDays(today, -PAST_GRACE_DAYS);
      const localDate = fresh ? thisYear : safeDate(now.year + 1, month, day);
      return localDate ? { kind: 'fixed', localDate } : undefined;
    }
    // Only a day of the month: this month's, or next month's once it has passed.
    const thisMonth = safeDate(now.year, now.month, day);
    const next = now.plus({ months: 1 });
    const localDate = thisMonth && thisMonth >= today ? thisMonth : safeDate(next.year, next.month, day);
    return localDate ? { kind: 'fixed', localDate } : undefined;
  }
  if (c.isCertain('weekday'))
    return { kind: 'weekday', weekday: ((c.get('weekday') ?? 0) || 7) as IsoWeekday };
  return { kind: 'none' };
}

/** Today where the text's clock is: its own offset when it named one, else the guild zone. */
function todayFor(c: ParsedComponents, opts: WhenOptions): string {
  if (!c.isCertain('timezoneOffset')) return localDateOf(opts.now, opts.zone);
  const offset = FixedOffsetZone.instance(c.get('timezoneOffset') ?? 0);
  return DateTime.fromJSDate(opts.now, { zone: offset }).toISODate() as string;
}

function instantOf(c: ParsedComponents, zone: string, localDate: string, wallTime: string): Date {
  if (!c.isCertain('timezoneOffset')) return wallClockToInstant(zone, localDate, wallTime);
  // The text named its own offset ("9pm EST", "…+09:00"): honour it.
  const offset = FixedOffsetZone.instance(c.get('timezoneOffset') ?? 0);
  return DateTime.fromISO(`${localDate}T${wallTime}`, { zone: offset }).toJSDate();
}

/** Future instants, deduplicated and sorted. */
export function futureOnly(instants: Date[], now: Date): Date[] {
  const times = [...new Set(instants.map((d) => d.getTime()))].filter((t) => t > now.getTime());
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}

function past(opts: WhenOptions, localDate: string, wallTime: string): WhenResult {
  const today = localDateOf(opts.now, opts.zone);
  const candidates = [addLocalDays(today, 1), addLocalDays(localDate, 7)].map((d) =>
    wallClockToInstant(opts.zone, d, wallTime),
  );
  return { ok: false, reason: 'past', suggestions: futureOnly(candidates, opts.now) };
}

function nextWeekday(today: string, weekday: IsoWeekday, weeks = 0): string {
  return addLocalDays(today, ((weekday - isoWeekdayOf(today) + 7) % 7) + 7 * weeks);
}

/** A day without a time: ambiguous, offering the evening times that are still ahead. */
function dayWithoutTime(opts: WhenOptions, date: DatePart, today: string): WhenResult {
  const evenings = (localDate: string): Date[] =>
    futureOnly(
      EVENING_TIMES.map((t) => wallClockToInstant(opts.zone, localDate, t)),
      opts.now,
    );
  if (date.kind === 'fixed') {
    const suggestions = evenings(date.localDate);
    return suggestions.length > 0
      ? { ok: false, reason: 'ambiguous', suggestions }
      : past(opts, date.localDate, '20:00');
  }
  if (date.kind === 'weekday') {
    const soonest = evenings(nextWeekday(today, date.weekday));
    const suggestions = soonest.length > 0 ? soonest : evenings(nextWeekday(today, date.weekday, 1));
    return { ok: false, reason: 'ambiguous', suggestions };
  }
  return { ok: false, reason: 'unparseable', suggestions: [] };
}

/** Resolves one chrono result read at `opts.now` in `opts.zone`. */
export function resolveWhen(result: ParsedResult, opts: WhenOptions): WhenResult {
  const c = result.start;
  const matched = result.text.trim();
  const assumed: WhenAssumption[] = [];
  const today = todayFor(c, opts);
  const date = readDate(c, today);
  if (!date) return { ok: false, reason: 'unparseable', suggestions: [] };
  let wallTime = readTime(c, matched, assumed);
  if (!wallTime && opts.defaultTime && date.kind !== 'none') {
    wallTime = opts.defaultTime;
    assumed.push('time');
  }
  if (!wallTime) return dayWithoutTime(opts, date, today);
  const time = wallTime;
  const at = (localDate: string): Date => instantOf(c, opts.zone, localDate, time);
  const isAhead = (localDate: string): boolean => at(localDate).getTime() > opts.now.getTime();
  let localDate: string;
  if (date.kind === 'fixed') localDate = date.localDate;
  else if (date.kind === 'weekday') {
    localDate = nextWeekday(today, date.weekday);
    if (!isAhead(localDate)) localDate = addLocalDays(localDate, 7);
  } else {
    assumed.unshift('date');
    localDate = isAhead(today) ? today : addLocalDays(today, 1);
  }
  if (!isAhead(localDate)) return past(opts, localDate, time);
  const start = at(localDate);
  return {
    ok: true,
    start,
    wallClock: wallClockOf(start, opts.zone),
    matched,
    ...(assumed.length > 0 ? { assumed } : {}),
  };
}
