/**
 * chrono configured for Tsunagu: each locale's casual parser with our parsers in front (on an
 * equal-length overlap chrono keeps the earlier parser's result, so ours win).
 *
 * chrono's `timezone` reference only understands abbreviations ("JST") or minutes, not IANA
 * names (an unknown name silently falls back to the process zone), so we pass the guild zone's
 * offset at `now`. That offset is right for "now" only, which is why `resolveWhen` reads
 * chrono's components and builds the instant itself with luxon (chrono's own `date()` is an
 * hour off across a DST change: "12/5 19:30" read on 28 Oct in New York gave 18:30).
 */
import * as chrono from 'chrono-node';
import type { ParsedResult } from 'chrono-node';
import { EN_PARSERS } from './chrono-en.parsers.js';
import { JA_PARSERS } from './chrono-ja.parsers.js';
import { offsetMinutesAt } from './zone-time.js';
import type { WhenLocale } from './when.types.js';

function withParsers(base: chrono.Chrono, parsers: readonly chrono.Parser[]): chrono.Chrono {
  const engine = base.clone();
  engine.parsers.unshift(...parsers);
  return engine;
}

const ENGINES: Record<WhenLocale, chrono.Chrono> = {
  ja: withParsers(chrono.ja.casual, JA_PARSERS),
  en: withParsers(chrono.en.casual, EN_PARSERS),
};

const covered = (results: ParsedResult[]): number =>
  results.reduce((sum, r) => sum + r.text.trim().length, 0);

/**
 * chrono's results for `text` read at `now` in `zone`. Both languages are tried (a Japanese
 * guild still types "Sat 20:00"); the one that reads more of the text wins, `locale` on a tie.
 */
export function readWithChrono(text: string, locale: WhenLocale, now: Date, zone: string): ParsedResult[] {
  const reference = { instant: now, timezone: offsetMinutesAt(now, zone) };
  const other: WhenLocale = locale === 'ja' ? 'en' : 'ja';
  const first = ENGINES[locale].parse(text, reference);
  const second = ENGINES[other].parse(text, reference);
  return covered(second) > covered(first) ? second : first;
}
