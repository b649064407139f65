/**
 * Occurrences of a recurring series kept as wall-clock time + IANA zone (never Discord's
 * `recurrence_rule`, which has no zone and drifts across DST). Each occurrence is the series'
 * wall time on a local date, turned into an instant with zone-time.ts: a weekly 19:00
 * Europe/London series stays 19:00 local across the March and October changes while its UTC
 * instant moves by an hour; a wall time inside a spring-forward gap moves to the first valid
 * time; a repeated fall-back time takes the earlier instant.
 */
import type { DateTime } from 'luxon';
import { addLocalDays, assertWallTime, calendarDay, localDateOf, wallClockToInstant } from './zone-time.js';
import type { Occurrence, Recurrence, Series } from './when.types.js';

/** The date of the `nth` (1–5, or -1 = last) `weekday` of a month, or undefined when there is none. */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  nth: number,
  weekday: number,
): string | undefined {
  const first = calendarDay(`${year}-${String(month).padStart(2, '0')}-01`);
  const lastDay = first.endOf('month').startOf('day');
  const date =
    nth === -1
      ? lastDay.minus({ days: (lastDay.weekday - weekday + 7) % 7 })
      : first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (nth - 1) });
  return date.month === month ? (date.toISODate() ?? undefined) : undefined;
}

function* weeklyDates(rec: Extract<Recurrence, { kind: 'weekly' }>, start: string, from: string) {
  const begin = calendarDay(start);
  // The first occurrence anchors the every-other-week parity.
  let day: DateTime = begin.plus({ days: (rec.weekday - begin.weekday + 7) % 7 });
  const step = 7 * rec.interval;
  const gap = calendarDay(from).diff(day, 'days').days;
  if (gap > 0) day = day.plus({ days: Math.ceil(gap / step) * step });
  for (;;) {
    yield day.toISODate() as string;
    day = day.plus({ days: step });
  }
}

function* weekdayDates(from: string) {
  for (let day = calendarDay(from); ; day = day.plus({ days: 1 })) {
    if (day.weekday <= 5) yield day.toISODate() as string;
  }
}

function* monthlyDates(rec: Extract<Recurrence, { kind: 'monthlyNthWeekday' }>, from: string) {
  for (let month = calendarDay(from).startOf('month'); ; month = month.plus({ months: 1 })) {
    const date = nthWeekdayOfMonth(month.year, month.month, rec.nth, rec.weekday);
    if (date && date >= from) yield date;
  }
}

/** Local dates of the series on or after `from`, ascending, ending at `until` (skips removed). */
function* seriesDates(series: Series, from: string): Generator<string> {
  const start = from > series.startDate ? from : series.startDate;
  const skips = new Set(series.skips ?? []);
  const rec = series.recurrence;
  const dates =
    rec.kind === 'weekly'
      ? weeklyDates(rec, series.startDate, start)
      : rec.kind === 'weekdays'
        ? weekdayDates(start)
        : monthlyDates(rec, start);
  for (const date of dates) {
    if (series.until !== undefined && date > series.until) return;
    if (!skips.has(date)) yield date;
  }
}

function assertSeries(series: Series): void {
  assertWallTime(series.wallTime);
  calendarDay(series.startDate);
  if (series.until !== undefined) calendarDay(series.until);
  localDateOf(new Date(0), series.zone);
}

function occurrencesFrom(series: Series, fromUtc: Date): Generator<Occurrence> {
  assertSeries(series);
  // One local day earlier: an occurrence dated the day before can still fall after `fromUtc`.
  const dates = seriesDates(series, addLocalDays(localDateOf(fromUtc, series.zone), -1));
  return (function* () {
    for (const localDate of dates) {
      yield { localDate, start: wallClockToInstant(series.zone, localDate, series.wallTime) };
    }
  })();
}

/** Occurrences starting in [fromUtc, toUtc), ascending. Throws a RangeError for a malformed series. */
export function occurrencesBetween(series: Series, fromUtc: Date, toUtc: Date): Occurrence[] {
  const out: Occurrence[] = [];
  const lastDate = addLocalDays(localDateOf(toUtc, series.zone), 1);
  for (const occurrence of occurrencesFrom(series, fromUtc)) {
    if (occurrence.localDate > lastDate) break;
    if (occurrence.start >= fromUtc && occurrence.start < toUtc) out.push(occurrence);
  }
  return out;
}

/** The next `count` occurrences starting strictly after `afterUtc` (fewer when `until` ends the series). */
export function nextOccurrences(series: Series, afterUtc: Date, count: number): Occurrence[] {
  const out: Occurrence[] = [];
  if (count <= 0) return out;
  for (const occurrence of occurrencesFrom(series, afterUtc)) {
    if (occurrence.start > afterUtc) out.push(occurrence);
    if (out.length >= count) break;
  }
  return out;
}
