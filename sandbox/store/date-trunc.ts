/**
 * `$dateTrunc` as MongoDB documents it. mingo's version truncates in the wrong zone (e.g. a day in Asia/Tokyo
 * starts 24 h early) and ignores the local reference for `binSize`, so the store replaces it.
 * Bins count from the reference date 2000-01-01T00:00 local time (for weeks: the first `startOfWeek` on/after it).
 */
import { ErrorCodes, StoreError } from './errors.js';
import { checkTimezone, fromWallClock, toWallClock } from './timezone.js';

const FIXED_UNITS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};
const MONTH_UNITS: Record<string, number> = { month: 1, quarter: 3, year: 12 };
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const REFERENCE = Date.UTC(2000, 0, 1);

export interface DateTruncArgs {
  date: Date;
  unit: string;
  binSize?: number;
  timezone?: string;
  startOfWeek?: string;
}

function weekReference(startOfWeek: string): number {
  const wanted = DAYS.findIndex(
    (d) => d === startOfWeek.toLowerCase() || d.slice(0, 3) === startOfWeek.toLowerCase(),
  );
  if (wanted < 0)
    throw new StoreError(
      5439015,
      `$dateTrunc parameter 'startOfWeek' value cannot be recognized as a day of a week: ${startOfWeek}`,
    );
  const referenceDay = new Date(REFERENCE).getUTCDay();
  return REFERENCE + ((wanted - referenceDay + 7) % 7) * 86_400_000;
}

/** Truncates `date` to the start of its bin. */
export function dateTrunc(args: DateTruncArgs): Date {
  const binSize = args.binSize ?? 1;
  if (!Number.isInteger(binSize) || binSize < 1) {
    throw new StoreError(5439017, "$dateTrunc requires 'binSize' to be a positive integer");
  }
  if (args.timezone) checkTimezone(args.timezone);
  const wall = toWallClock(args.date.getTime(), args.timezone);
  let truncated: number;
  if (args.unit in MONTH_UNITS) {
    const w = new Date(wall);
    const months = (w.getUTCFullYear() - 2000) * 12 + w.getUTCMonth();
    const size = MONTH_UNITS[args.unit]! * binSize;
    const bin = Math.floor(months / size) * size;
    truncated = Date.UTC(2000 + Math.floor(bin / 12), ((bin % 12) + 12) % 12, 1);
  } else if (args.unit in FIXED_UNITS) {
    const reference = args.unit === 'week' ? weekReference(args.startOfWeek ?? 'sunday') : REFERENCE;
    const size = FIXED_UNITS[args.unit]! * binSize;
    truncated = reference + Math.floor((wall - reference) / size) * size;
  } else {
    throw new StoreError(
      ErrorCodes.BadValue,
      `$dateTrunc parameter 'unit' value cannot be recognized as a time unit: ${args.unit}`,
    );
  }
  return new Date(fromWallClock(truncated, args.timezone));
}
