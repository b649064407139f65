/** Small date helpers shared by services. Services take `now` as input so tests control time. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** `date` plus `days` days. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The UTC calendar day of `date` as YYYY-MM-DD (the key of daily counters). */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True when `zone` is an IANA time zone the runtime knows (e.g. Asia/Tokyo). */
export function isValidTimeZone(zone: string): boolean {
  // Area/Location names only (plus UTC): ICU also takes abbreviations like "JST", which are not IANA zones.
  if (zone !== 'UTC' && !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day of `date` in `timeZone` as YYYY-MM-DD (e.g. 00:30 JST counts on the JST day). */
export function localDay(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Where services get "now": the system clock in production, a controllable one in tests. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
