/**
 * What our chrono parsers need from chrono's reference: today's local date in the guild zone.
 * `parseWhen` passes chrono `{ instant, timezone: <offset minutes at now> }`; the offset at the
 * reference instant gives exactly the local date of "now", and everything after that is plain
 * calendar arithmetic, so no parser here touches the process's time zone.
 */
import { DateTime, FixedOffsetZone } from 'luxon';
import type { ParsingContext } from 'chrono-node';
import type { IsoWeekday } from './when.types.js';

/** Today in the guild zone, as a calendar day (midnight UTC, see zone-time.ts). */
export function referenceDay(context: ParsingContext): DateTime {
  const zone = FixedOffsetZone.instance(context.reference.getTimezoneOffset());
  const local = DateTime.fromJSDate(context.reference.instant, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/** chrono's known date components for a calendar day (chrono numbers weekdays 0 = Sunday). */
export function dayComponents(day: DateTime): { year: number; month: number; day: number; weekday: number } {
  return { year: day.year, month: day.month, day: day.day, weekday: day.weekday % 7 };
}

/**
 * The `weekday` of the Monday-based week `weeksAhead` weeks from the reference day
 * (0 = this week, 1 = 来週 / next week, 2 = 再来週).
 */
export function weekdayInWeek(today: DateTime, weeksAhead: number, weekday: IsoWeekday): DateTime {
  return today.minus({ days: today.weekday - 1 }).plus({ weeks: weeksAhead, days: weekday - 1 });
}

/** The Saturday of that week; on a Sunday, "this weekend" is today. */
export function weekendOf(today: DateTime, weeksAhead: number): DateTime {
  if (weeksAhead === 0 && today.weekday === 7) return today;
  return weekdayInWeek(today, weeksAhead, 6);
}
