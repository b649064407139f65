/**
 * `$dateFromString`: parses ISO-8601-like strings (or a `format` with %Y %m %d %H %M %S %L %z %Z) as wall-clock
 * time in `timezone`, unless the string carries its own offset. Replaces mingo's, which returns null for
 * "2026-03-02 01:00" and ignores the time zone.
 */
import { StoreError } from './errors.js';
import { checkTimezone, fromWallClock } from './timezone.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offset?: number;
}

function fail(text: string): never {
  throw new StoreError(241, `Error parsing date string '${text}'`);
}

function parseWithFormat(text: string, format: string): Fields {
  const fields: Fields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  let pos = 0;
  const digits = (min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(text.slice(pos));
    if (!m) fail(text);
    pos += m[0].length;
    return Number(m[0]);
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== '%') {
      if (text[pos] !== ch) fail(text);
      pos += 1;
      continue;
    }
    const spec = format[++i];
    switch (spec) {
      case 'Y':
        fields.year = digits(4, 4);
        break;
      case 'm':
        fields.month = digits(1, 2);
        break;
      case 'd':
        fields.day = digits(1, 2);
        break;
      case 'H':
        fields.hour = digits(1, 2);
        break;
      case 'M':
        fields.minute = digits(1, 2);
        break;
      case 'S':
        fields.second = digits(1, 2);
        break;
      case 'L':
        fields.ms = digits(1, 3);
        break;
      case 'z': {
        const m = /^([+-]\d{2}:?\d{2}|Z)/.exec(text.slice(pos));
        if (!m) fail(text);
        fields.offset = offsetMinutes(m[0]);
        pos += m[0].length;
        break;
      }
      case 'Z': {
        const m = /^[+-]\d+/.exec(text.slice(pos));
        if (!m) fail(text);
        fields.offset = Number(m[0]);
        pos += m[0].length;
        break;
      }
      case '%':
        if (text[pos] !== '%') fail(text);
        pos += 1;
        break;
      default:
        throw new StoreError(18536, `Invalid format character '%${spec ?? ''}' in format string`);
    }
  }
  if (pos !== text.length) fail(text);
  return fields;
}

function parseIso(text: string): Fields {
  const m = ISO.exec(text.trim());
  if (!m) fail(text);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: Number((m[7] ?? '0').padEnd(3, '0')),
    ...(m[8] ? { offset: offsetMinutes(m[8]) } : {}),
  };
}

/** Parses a date string as `$dateFromString` does. */
export function parseDate(text: string, format?: string, timezone?: string): Date {
  if (timezone) checkTimezone(timezone);
  const f = format ? parseWithFormat(text, format) : parseIso(text);
  if (f.offset !== undefined && timezone) {
    throw new StoreError(
      40554,
      `you cannot pass in a date/time string with GMT offset together with a timezone argument`,
    );
  }
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms);
  const check = new Date(wall);
  if (check.getUTCMonth() !== f.month - 1 || check.getUTCDate() !== f.day) fail(text);
  if (f.offset !== undefined) return new Date(wall - f.offset * 60_000);
  return new Date(fromWallClock(wall, timezone));
}
