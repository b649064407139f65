/** Time helpers of the insights rollups: UTC hour buckets, and folding them into a guild's calendar. */
import { DateTime } from 'luxon';

export const HOUR_MS = 60 * 60 * 1000;

/** The start of the UTC hour holding `at` (the key of hourly rollups). */
export function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** Seconds of [from, to) falling into each UTC hour, so a long voice session lands in every hour it spans. */
export function splitByHour(from: Date, to: Date): { hour: Date; seconds: number }[] {
  const slices: { hour: Date; seconds: number }[] = [];
  let cursor = from.getTime();
  const end = to.getTime();
  while (cursor < end) {
    const hour = Math.floor(cursor / HOUR_MS) * HOUR_MS;
    const next = Math.min(hour + HOUR_MS, end);
    // Whole seconds: sums of integers stay exact however many slices are added.
    const seconds = Math.floor(next / 1000) - Math.floor(cursor / 1000);
    if (seconds > 0) slices.push({ hour: new Date(hour), seconds });
    cursor = next;
  }
  return slices;
}

/** The guild-local calendar day (YYYY-MM-DD) of an instant; luxon handles DST and odd offsets. */
export function localDayOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? at.toISOString().slice(0, 10);
}

/** Local weekday (1 = Monday … 7 = Sunday) and hour (0–23) of an instant, for the heatmap. */
export function localWeekdayHour(at: Date, zone: string): { weekday: number; hour: number } {
  const local = DateTime.fromJSDate(at, { zone });
  return { weekday: local.weekday, hour: local.hour };
}

/** The UTC instant when the local day `day` (YYYY-MM-DD) begins in `zone` (23 or 25 hours long on DST days). */
export function localDayStart(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

/** `day` plus `days` calendar days (YYYY-MM-DD, zone-free arithmetic). */
export function addLocalDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Days from `from` to `to` inclusive, oldest first. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addLocalDays(day, 1)) out.push(day);
  return out;
}

/** The Monday starting the ISO week of a local day (weekly buckets). */
export function weekOf(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).startOf('week').toISODate()!;
}

/** The local month (YYYY-MM) of an instant in `zone`. */
export function localMonthOf(at: Date, zone: string): string {
  return localDayOf(at, zone).slice(0, 7);
}

/** Whole calendar months from month `a` to month `b` (YYYY-MM), e.g. 2026-01 → 2026-03 is 2. */
export function monthsBetween(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return (by - ay) * 12 + (bm - am);
}
