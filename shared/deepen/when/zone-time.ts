/**
 * Calendar and wall-clock arithmetic in an IANA zone, with luxon only: nothing here reads the
 * process's time zone, so results are the same under any `TZ`.
 */
import { DateTime, IANAZone } from 'luxon';
import type { IsoWeekday } from './when.types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

// Area/Location names (plus UTC) only, as shared/clock.ts `isValidTimeZone`: ICU also takes
// abbreviations such as "JST", which are not IANA zones.
const IANA_NAME = /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/;

function zoneOf(zone: string): IANAZone {
  const iana = IANAZone.create(zone);
  if (!IANA_NAME.test(zone) || !iana.isValid) throw new RangeError(`not an IANA time zone: ${zone}`);
  return iana;
}

/** A local date as a luxon value at midnight UTC: plain calendar arithmetic, no zone rules. */
export function calendarDay(localDate: string): DateTime {
  const day = LOCAL_DATE.test(localDate) ? DateTime.fromISO(localDate, { zone: 'utc' }) : null;
  if (!day?.isValid) throw new RangeError(`not a local date (YYYY-MM-DD): ${localDate}`);
  return day;
}

/** `localDate` plus `days` calendar days. */
export function addLocalDays(localDate: string, days: number): string {
  return calendarDay(localDate).plus({ days }).toISODate() as string;
}

/** ISO weekday (1 = Monday) of a local date. */
export function isoWeekdayOf(localDate: string): IsoWeekday {
  return calendarDay(localDate).weekday as IsoWeekday;
}

/** The local date of `instant` in `zone`. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOf(zone) }).toISODate() as string;
}

/** The local wall clock of `instant` in `zone`, "YYYY-MM-DDTHH:mm". */
export function wallClockOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOf(zone) }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The UTC offset of `zone` at `instant`, in minutes (what chrono's reference wants). */
export function offsetMinutesAt(instant: Date, zone: string): number {
  return zoneOf(zone).offset(instant.getTime());
}

/** Throws unless `wallTime` is "HH:mm" (00:00–23:59). */
export function assertWallTime(wallTime: string): void {
  if (!WALL_TIME.test(wallTime)) throw new RangeError(`not a wall time (HH:mm): ${wallTime}`);
}

/**
 * The UTC instant of the wall-clock `wallTime` on `localDate` in `zone`.
 * - A time that does not exist (inside a spring-forward gap, e.g. 02:30 on 2026-03-08 in
 *   America/New_York) becomes the first valid instant after the gap: the transition itself,
 *   03:00 EDT. (luxon alone would shift by the gap's length, to 03:30.)
 * - A time that happens twice (fall-back, e.g. 01:30 on 2026-11-01 in New York) takes the
 *   earlier instant, 01:30 EDT. (luxon alone takes the later one.)
 */
export function wallClockToInstant(zone: string, localDate: string, wallTime: string): Date {
  const iana = zoneOf(zone);
  assertWallTime(wallTime);
  const day = calendarDay(localDate);
  const [hour, minute] = wallTime.split(':').map(Number) as [number, number];
  const naive = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  const before = iana.offset(naive - DAY);
  const after = iana.offset(naive + DAY);
  const valid = [...new Set([before, after])]
    .map((offset) => naive - offset * MINUTE)
    .filter((instant) => iana.offset(instant) * MINUTE === naive - instant);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a gap: find the transition between the two candidate instants (offset `before` at lo).
  let lo = naive - after * MINUTE;
  let hi = naive - before * MINUTE;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (iana.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}
