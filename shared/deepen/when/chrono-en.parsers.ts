/**
 * English phrases where we fix chrono's reading to Tsunagu's conventions: "next Friday" is the
 * Friday of next week (weeks start on Monday, as 来週金曜; chrono 2.10 agrees but computes the
 * day from the process clock), "this Friday" is the next Friday to come, and "this weekend" /
 * "weekend" is this week's Saturday (today on a Sunday; chrono gives next Saturday then).
 */
import type { Parser, ParsingContext } from 'chrono-node';
import { dayComponents, referenceDay, weekdayInWeek, weekendOf } from './chrono-reference.js';
import { EN_WEEKDAY_PATTERN, enWeekdayOf } from './weekday-names.js';

const relativeWeekdayParser: Parser = {
  pattern: () =>
    new RegExp(`(?<![a-z])(?:(next|this|coming)\\s+(weekend|${EN_WEEKDAY_PATTERN})|(weekend))(?![a-z])`, 'i'),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const today = referenceDay(context);
    const modifier = (match[1] ?? 'this').toLowerCase();
    const word = (match[2] ?? match[3] ?? '').toLowerCase();
    const weeks = modifier === 'next' ? 1 : 0;
    if (word === 'weekend') return context.createParsingComponents(dayComponents(weekendOf(today, weeks)));
    const weekday = enWeekdayOf(word);
    if (!weekday) return null;
    // "this/coming Friday": only the weekday is known; parseWhen takes the next one to come.
    if (weeks === 0) return { weekday: weekday % 7 };
    return context.createParsingComponents(dayComponents(weekdayInWeek(today, weeks, weekday)));
  },
};

/** The parsers `parseWhen` puts in front of chrono's English casual parsers. */
export const EN_PARSERS: readonly Parser[] = [relativeWeekdayParser];
