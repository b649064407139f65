/**
 * A recurrence in words: "毎週土曜 20:00", "Every other Saturday at 20:00". The words are the
 * events catalogue's (`deepen.events.recurrence.*`, weekday names, ordinals), assembled here.
 */
import { t, type MessageKey } from '../../i18n/index.js';
import type { IsoWeekday, Recurrence, WhenLocale } from './when.types.js';

const weekdayKey = (weekday: IsoWeekday): MessageKey => `deepen.events.weekday.${weekday}`;

function rule(rec: Recurrence, locale: WhenLocale): string {
  switch (rec.kind) {
    case 'weekly':
      return t(
        locale,
        rec.interval === 2 ? 'deepen.events.recurrence.biweekly' : 'deepen.events.recurrence.weekly',
        {
          weekday: t(locale, weekdayKey(rec.weekday)),
        },
      );
    case 'monthlyNthWeekday':
      return rec.nth === -1
        ? t(locale, 'deepen.events.recurrence.monthlyLast', { weekday: t(locale, weekdayKey(rec.weekday)) })
        : t(locale, 'deepen.events.recurrence.monthly', {
            nth: t(locale, `deepen.events.ordinal.${rec.nth}`),
            weekday: t(locale, weekdayKey(rec.weekday)),
          });
    case 'weekdays':
      return t(locale, 'deepen.events.recurrence.weekdays');
  }
}

/**
 * Describes `rec` in `locale`, with the series' wall time when given:
 * ja "毎週土曜" / "隔週土曜" / "毎月第2土曜" / "毎月最終土曜" / "平日" (+ " 20:00");
 * en "Every Saturday" / "Every other Saturday" / "2nd Saturday of every month" /
 * "Last Saturday of every month" / "Weekdays" (+ " at 20:00").
 */
export function describeRecurrence(rec: Recurrence, locale: WhenLocale, wallTime?: string): string {
  const text = rule(rec, locale);
  return wallTime ? t(locale, 'deepen.events.recurrence.withTime', { rule: text, time: wallTime }) : text;
}
