/**
 * Time-zone arithmetic for the aggregation corrections: wall-clock fields of an instant in an Olson zone or a
 * UTC offset, and the reverse. Built on Intl (full ICU ships with Node 20), so DST transitions are honoured.
 */
import { StoreError } from './errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;

/** Validates a MongoDB timezone argument; unknown names fail like mongod (code 40485). */
export function checkTimezone(tz: string): void {
  if (OFFSET.test(tz)) return;
  try {
    formatter(tz);
  } catch {
    throw new StoreError(40485, `unrecognized time zone identifier: "${tz}"`);
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function offsetMs(instant: number, tz: string | undefined): number {
  if (!tz || tz === 'UTC' || tz === 'GMT' || tz === 'Z') return 0;
  const fixed = OFFSET.exec(tz);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    return (fixed[1] === '-' ? -1 : 1) * minutes * 60_000;
  }
  const parts: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
  const truncated = instant - (((instant % 1000) + 1000) % 1000);
  return wall - truncated;
}

/** Wall-clock time of an instant in `tz`, expressed as "UTC milliseconds" (fields read with getUTC*). */
export function toWallClock(instant: number, tz: string | undefined): number {
  return instant + offsetMs(instant, tz);
}

/** The instant at which the wall clock in `tz` shows `wall` (first occurrence on DST overlaps). */
export function fromWallClock(wall: number, tz: string | undefined): number {
  const guess = wall - offsetMs(wall, tz);
  const corrected = wall - offsetMs(guess, tz);
  return corrected;
}
