/**
 * Weekday words in both languages, indexed by ISO weekday (1 = Monday). Kept beside the parser
 * and describer that use them; they are data for reading text as much as for showing it.
 */
import type { IsoWeekday } from './when.types.js';

/** 月 火 水 木 金 土 日, index 0 = Monday. */
export const JA_WEEKDAY_CHARS = ['月', '火', '水', '木', '金', '土', '日'] as const;

export const EN_WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** Matches an English weekday name or its usual abbreviation (mon, tue(s), wed, thu(r)(s), …). */
export const EN_WEEKDAY_PATTERN =
  'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';

/** ISO weekday of one of 月火水木金土日, or undefined. */
export function jaWeekdayOf(char: string): IsoWeekday | undefined {
  const index = (JA_WEEKDAY_CHARS as readonly string[]).indexOf(char);
  return index < 0 ? undefined : ((index + 1) as IsoWeekday);
}

/** ISO weekday of an English weekday name or abbreviation ("Sat", "saturday"), or undefined. */
export function enWeekdayOf(word: string): IsoWeekday | undefined {
  const prefix = word.slice(0, 3).toLowerCase();
  const index = EN_WEEKDAY_NAMES.findIndex((name) => name.slice(0, 3).toLowerCase() === prefix);
  return index < 0 ? undefined : ((index + 1) as IsoWeekday);
}

/** "土" for Saturday. */
export function jaWeekdayChar(weekday: IsoWeekday): string {
  return JA_WEEKDAY_CHARS[weekday - 1] as string;
}

/** "Saturday" for Saturday. */
export function enWeekdayName(weekday: IsoWeekday): string {
  return EN_WEEKDAY_NAMES[weekday - 1] as string;
}
