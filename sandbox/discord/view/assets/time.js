/**
 * Times as Discord shows them, in the viewer's own time zone and the view's language: message
 * times, and the `<t:unix:style>` timestamps bots write (t T d D f F R).
 */
import { intlLocale, t } from './i18n.js';

const STYLES = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

const UNITS = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "in 3 days", "2 時間前"… as Discord's R style.
 * @param {Date} date
 * @param {number} [now]
 */
export function relativeTime(date, now = Date.now()) {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return format.format(Math.round(seconds / size), unit);
  }
  return '';
}

/**
 * A `<t:…>` timestamp in one of Discord's styles (f when none is given).
 * @param {Date} date
 * @param {string} [style]
 */
export function formatTimestamp(date, style = 'f') {
  if (style === 'R') return relativeTime(date);
  return new Intl.DateTimeFormat(intlLocale(), STYLES[style] ?? STYLES.f).format(date);
}

/**
 * A message's time: "今日 14:05" / "Today at 2:05 PM", "昨日 …", else the date and time.
 * @param {string} iso
 */
export function messageTime(iso) {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(intlLocale(), STYLES.t).format(date);
  const day = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const diff = Math.round((day(new Date()) - day(date)) / 86_400_000);
  if (diff === 0) return t('time.today', { time });
  if (diff === 1) return t('time.yesterday', { time });
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(date);
}
