/**
 * Reads the recurrence a user types or picks for a series: "毎週", "隔週金曜", "第2土曜",
 * "毎月最終金曜", "平日", "weekly", "every 2 weeks", "every other Friday",
 * "monthly on the 2nd Saturday", "last Friday of the month", "weekdays".
 * A phrase without a weekday ("毎週", "weekly", "monthly") takes it from the series' start date;
 * "毎月"/"monthly" alone takes the start date's place in its month (its 5th weekday becomes
 * "last", since most months have no 5th).
 */
import { calendarDay } from './zone-time.js';
import { EN_WEEKDAY_PATTERN, enWeekdayOf, jaWeekdayOf } from './weekday-names.js';
import type { IsoWeekday, Recurrence } from './when.types.js';

type Nth = 1 | 2 | 3 | 4 | 5 | -1;

const JA_DAY = '([月火水木金土日])(?:曜日?)?';
const EN_DAY = `(${EN_WEEKDAY_PATTERN})s?`;
const EN_NTH: Record<string, Nth> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: -1 };
const JA_NTH: Record<string, Nth> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

function readNth(word: string): Nth | undefined {
  if (/^[1-5]/.test(word)) return Number(word[0]) as Nth;
  return EN_NTH[word] ?? JA_NTH[word];
}

function startWeekday(startDate: string | undefined): IsoWeekday | undefined {
  return startDate ? (calendarDay(startDate).weekday as IsoWeekday) : undefined;
}

function monthlyFromStart(startDate: string | undefined): Recurrence | null {
  if (!startDate) return null;
  const day = calendarDay(startDate);
  const nth = Math.ceil(day.day / 7);
  return {
    kind: 'monthlyNthWeekday',
    nth: nth === 5 ? -1 : (nth as Nth),
    weekday: day.weekday as IsoWeekday,
  };
}

function monthly(text: string): Recurrence | null {
  const ja = new RegExp(`(?:第\\s*([1-5一二三四五])|(最終|最後の?))\\s*${JA_DAY}`).exec(text);
  const en = new RegExp(
    `\\b([1-5](?:st|nd|rd|th)?|first|second|third|fourth|fifth|last)\\s+${EN_DAY}\\b`,
  ).exec(text);
  const nth = ja ? (ja[2] ? -1 : readNth(ja[1] ?? '')) : en ? readNth(en[1] ?? '') : undefined;
  const weekday = ja ? jaWeekdayOf(ja[3] ?? '') : en ? enWeekdayOf(en[2] ?? '') : undefined;
  return nth && weekday ? { kind: 'monthlyNthWeekday', nth, weekday } : null;
}

function weekly(text: string, startDate?: string): Recurrence | null {
  const biweekly = /隔週|\bevery\s+(other|2nd|second|two|2)\b|\bbi-?weekly\b|\bfortnight/.test(text);
  // A bare 月…日 counts only after 毎週/隔週 or before 曜 (毎月 and 毎日 are not weekdays).
  const ja = /(?:毎週|隔週)\s*の?\s*([月火水木金土日])|([月火水木金土日])曜/.exec(text);
  const en = new RegExp(`\\b${EN_DAY}\\b`).exec(text);
  const named = ja ? jaWeekdayOf(ja[1] ?? ja[2] ?? '') : en ? enWeekdayOf(en[1] ?? '') : undefined;
  const every =
    /毎週|\bweekly\b|\bevery\s+week\b/.test(text) || (named !== undefined && /^(毎|every\b)/.test(text));
  if (!biweekly && !every) return null;
  const weekday = named ?? startWeekday(startDate);
  return weekday ? { kind: 'weekly', interval: biweekly ? 2 : 1, weekday } : null;
}

const WEEKDAYS = /平日|\bweekdays?\b|\bmon(day)?\s*(-|–|〜|~|to)\s*fri(day)?\b/;

/**
 * The recurrence `text` names, or null when it names none we support (毎日 / daily, "every 3
 * weeks", a day of the month such as 毎月15日). `startDate` ("YYYY-MM-DD") fills a missing weekday.
 */
export function parseRecurrence(text: string, startDate?: string): Recurrence | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (WEEKDAYS.test(t)) return { kind: 'weekdays' };
  const nth = monthly(t);
  if (nth) return nth;
  if (/^(毎月|monthly|every\s+month)$/.test(t)) return monthlyFromStart(startDate);
  return weekly(t, startDate);
}
