/**
 * Japanese phrases chrono's `ja` locale gets wrong or ignores (checked against chrono-node 2.10):
 * - 来週土曜 / 再来週の金曜: the week word is ignored, giving this week's day.
 * - 今週末 / 週末: not recognised at all.
 * - 3日後 / 2週間後: ignored ("3日後 20時" became today 20:00).
 * - 夜8時 / 明日の夜8時: 夜 is ignored, giving 08:00 (and 明日 stays a separate result).
 * - 今夜 / 今晩: dated from the process's local clock, so the day is wrong when the process
 *   zone and the guild zone are on different dates (今日 / 明日 / 明後日 are computed here too,
 *   so every Japanese day word has one source).
 * - 5日 (a day of the month alone): ignored.
 * Each parser returns chrono components; chrono's own refiners then merge date + time
 * ("明日" + "の" + "夜8時") and drop the shorter of overlapping results.
 */
import type { Parser, ParsingContext } from 'chrono-node';
import { dayComponents, referenceDay, weekdayInWeek, weekendOf } from './chrono-reference.js';
import { jaWeekdayOf } from './weekday-names.js';

const KANJI_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const PM = 1;
const AM = 0;

/** 3, 十, 十二, 二十 → numbers (1–99); the text is NFKC-normalised, so digits are ASCII. */
function readCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '' || (!match[2] && match[3])) return undefined;
  const tens = match[2] ? (match[1] ? (KANJI_DIGITS[match[1]] ?? 0) : 1) : 0;
  const ones = match[2]
    ? match[3]
      ? (KANJI_DIGITS[match[3]] ?? 0)
      : 0
    : (KANJI_DIGITS[match[1] ?? ''] ?? 0);
  return tens * 10 + ones;
}

const DAY_WORDS: Record<string, { days: number; tonight?: true }> = {
  今日: { days: 0 },
  本日: { days: 0 },
  きょう: { days: 0 },
  明日: { days: 1 },
  あした: { days: 1 },
  明後日: { days: 2 },
  あさって: { days: 2 },
  今夜: { days: 0, tonight: true },
  今晩: { days: 0, tonight: true },
  今夕: { days: 0, tonight: true },
  こんや: { days: 0, tonight: true },
  こんばん: { days: 0, tonight: true },
};

/** 今日 明日 明後日 今夜 今晩 and "N日後" / "N週間後". */
const relativeDayParser: Parser = {
  pattern: () =>
    new RegExp(
      `(${Object.keys(DAY_WORDS).join('|')})|(\\d{1,3}|[一二三四五六七八九十]{1,3})\\s*(日|週間)\\s*後`,
    ),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const today = referenceDay(context);
    const word = match[1] ? DAY_WORDS[match[1]] : undefined;
    const count = match[2] ? readCount(match[2]) : undefined;
    const days = word ? word.days : count === undefined ? undefined : count * (match[3] === '週間' ? 7 : 1);
    if (days === undefined) return null;
    const components = context.createParsingComponents(dayComponents(today.plus({ days })));
    // 今夜 makes a following bare hour an evening hour; chrono's merge reads this meridiem.
    if (word?.tonight) components.assign('meridiem', PM);
    return components;
  },
};

const WEEK_OFFSET: Record<string, number> = { 今週: 0, 来週: 1, 再来週: 2, さ来週: 2 };
const WEEKEND_OFFSET: Record<string, number> = { '': 0, 今: 0, 来: 1, 再来: 2, さ来: 2 };

/** 今週/来週/再来週 + weekday (weeks start on Monday), and 今週末 / 来週末 / 週末 (= Saturday). */
const relativeWeekParser: Parser = {
  pattern: () =>
    /(今週|来週|再来週|さ来週)\s*の?\s*([月火水木金土]|日(?=曜))(?:曜日?)?|(今|来|再来|さ来)?週末/,
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const today = referenceDay(context);
    if (match[1] && match[2]) {
      const weekday = jaWeekdayOf(match[2]);
      const weeks = WEEK_OFFSET[match[1]];
      if (!weekday || weeks === undefined) return null;
      return context.createParsingComponents(dayComponents(weekdayInWeek(today, weeks, weekday)));
    }
    const weeks = WEEKEND_OFFSET[match[3] ?? ''];
    return weeks === undefined
      ? null
      : context.createParsingComponents(dayComponents(weekendOf(today, weeks)));
  },
};

/** 夜8時, 晩9時半, 夕方6時, 朝7時, 昼1時: the part of day decides am/pm (今夜/今晩 are days, above). */
const partOfDayTimeParser: Parser = {
  pattern: () => /(?<!今)(夜|晩|夕方|夕|朝|昼)\s*の?\s*(\d{1,2})\s*(?:時|:)\s*(?:(半)|(\d{1,2})\s*分?)?/,
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const part = match[1] ?? '';
    let hour = Number(match[2]);
    const minute = match[3] ? 30 : Number(match[4] ?? 0);
    if (hour > 23 || minute > 59) return null;
    // 夜12時 (midnight, the next day) is left to chrono rather than guessed here.
    if (hour === 12 && part !== '昼') return null;
    const evening = part === '夜' || part === '晩' || part.startsWith('夕');
    if ((evening && hour < 12) || (part === '昼' && hour >= 1 && hour <= 5)) hour += 12;
    return { hour, minute, meridiem: hour >= 12 ? PM : AM };
  },
};

/** A bare day of the month, "5日" (chrono ja needs a month); 3日後 and 3日間 are left alone. */
const dayOfMonthParser: Parser = {
  pattern: () => /(?<![\d月/])([12]?\d|3[01])\s*日(?![後間])/,
  extract: (_context: ParsingContext, match: RegExpMatchArray) => {
    const day = Number(match[1]);
    return day >= 1 ? { day } : null;
  },
};

/** The parsers `parseWhen` puts in front of chrono's Japanese casual parsers. */
export const JA_PARSERS: readonly Parser[] = [
  relativeDayParser,
  relativeWeekParser,
  partOfDayTimeParser,
  dayOfMonthParser,
];
