/**
 * `$dateToString` formatting with MongoDB's specifiers, in any Olson zone or UTC offset. Replaces mingo's,
 * which numbers `%w` from 0 and prints `%Z` without its sign.
 */
import { StoreError } from './errors.js';
import { checkTimezone, offsetMs, toWallClock } from './timezone.js';

export const DEFAULT_DATE_FORMAT = '%Y-%m-%dT%H:%M:%S.%LZ';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

function dayOfYear(w: Date): number {
  return Math.floor((w.getTime() - Date.UTC(w.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week-numbering year and week of a wall-clock date. */
export function isoWeek(w: Date): { year: number; week: number } {
  const day = w.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate() + 4 - day));
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return { year, week };
}

/** Week of the year with weeks starting on Sunday (%U): days before the first Sunday are week 0. */
function sundayWeek(w: Date): number {
  const yday = dayOfYear(w) - 1;
  return Math.floor((yday + 7 - w.getUTCDay()) / 7);
}

/** Formats `date` like `$dateToString` does. */
export function formatDate(date: Date, format: string = DEFAULT_DATE_FORMAT, timezone?: string): string {
  if (timezone) checkTimezone(timezone);
  const instant = date.getTime();
  const w = new Date(toWallClock(instant, timezone));
  const offsetMinutes = Math.round(offsetMs(instant, timezone) / 60_000);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const spec = format[++i];
    switch (spec) {
      case 'Y':
        out += pad(w.getUTCFullYear(), 4);
        break;
      case 'm':
        out += pad(w.getUTCMonth() + 1);
        break;
      case 'd':
        out += pad(w.getUTCDate());
        break;
      case 'H':
        out += pad(w.getUTCHours());
        break;
      case 'M':
        out += pad(w.getUTCMinutes());
        break;
      case 'S':
        out += pad(w.getUTCSeconds());
        break;
      case 'L':
        out += pad(w.getUTCMilliseconds(), 3);
        break;
      case 'j':
        out += pad(dayOfYear(w), 3);
        break;
      case 'w':
        out += String(w.getUTCDay() + 1);
        break;
      case 'u':
        out += String(w.getUTCDay() || 7);
        break;
      case 'U':
        out += pad(sundayWeek(w));
        break;
      case 'V':
        out += pad(isoWeek(w).week);
        break;
      case 'G':
        out += pad(isoWeek(w).year, 4);
        break;
      case 'z':
        out += `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}${pad(Math.abs(offsetMinutes) % 60)}`;
        break;
      case 'Z':
        out += `${offsetMinutes < 0 ? '-' : '+'}${Math.abs(offsetMinutes)}`;
        break;
      case 'b':
        out += MONTHS[w.getUTCMonth()];
        break;
      case 'B':
        out += MONTH_NAMES[w.getUTCMonth()];
        break;
      case '%':
        out += '%';
        break;
      default:
        throw new StoreError(18536, `Invalid format character '%${spec ?? ''}' in format string`);
    }
  }
  return out;
}
