/**
 * A recurrence in words: "毎週土曜 20:00", "Every other Saturday at 20:00".
 * The strings live here (not in the i18n catalogue) because they are assembled from parts
 * (ordinal, weekday); the deepen slice's catalogue can wrap them when it exists.
 */
import { enWeekdayName, jaWeekdayChar } from './weekday-names.js';
import type { Recurrence, WhenLocale } from './when.types.js';

const EN_ORDINALS: Record<number, string> = {
  1: '1st',
  2: '2nd',
  3: '3rd',
  4: '4th',
  5: '5th',
  [-1]: 'Last',
};

function inJapanese(rec: Recurrence): string {
  switch (rec.kind) {
    case 'weekly':
      return `${rec.interval === 2 ? '隔週' : '毎週'}${jaWeekdayChar(rec.weekday)}曜`;
    case 'monthlyNthWeekday':
      return `毎月${rec.nth === -1 ? '最終' : `第${rec.nth}`}${jaWeekdayChar(rec.weekday)}曜`;
    case 'weekdays':
      return '平日';
  }
}

function inEnglish(rec: Recurrence): string {
  switch (rec.kind) {
    case 'weekly':
      return `${rec.interval === 2 ? 'Every other' : 'Every'} ${enWeekdayName(rec.weekday)}`;
    case 'monthlyNthWeekday':
      return `${EN_ORDINALS[rec.nth]} ${enWeekdayName(rec.weekday)} of every month`;
    case 'weekdays':
      return 'Weekdays';
  }
}

/**
 * Describes `rec` in `locale`, with the series' wall time when given:
 * ja "毎週土曜" / "隔週土曜" / "毎月第2土曜" / "毎月最終土曜" / "平日" (+ " 20:00");
 * en "Every Saturday" / "Every other Saturday" / "2nd Saturday of every month" /
 * "Last Saturday of every month" / "Weekdays" (+ " at 20:00").
 */
export function describeRecurrence(rec: Recurrence, locale: WhenLocale, wallTime?: string): string {
  if (locale === 'ja') return wallTime ? `${inJapanese(rec)} ${wallTime}` : inJapanese(rec);
  return wallTime ? `${inEnglish(rec)} at ${wallTime}` : inEnglish(rec);
}
