/**
 * Types for reading event times typed by people and for recurring series.
 * Every instant is a UTC `Date`; every local value is a string read in the guild's IANA zone.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's numbering). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type WhenLocale = 'ja' | 'en';

/** What `parseWhen` filled in that the text did not say. */
export type WhenAssumption = 'time' | 'date' | 'pm';

export interface WhenOptions {
  /** The guild's IANA zone, e.g. "Asia/Tokyo". */
  zone: string;
  /** The reference instant ("now"). */
  now: Date;
  /** Which language to try first; the other one is tried when the first finds nothing. */
  locale: WhenLocale;
  /** "HH:mm" used when the text names a day but no time (flagged 'time'); without it that is ambiguous. */
  defaultTime?: string;
}

export type WhenResult =
  | {
      ok: true;
      /** The UTC instant. */
      start: Date;
      /** Local wall clock in the guild zone, "YYYY-MM-DDTHH:mm". */
      wallClock: string;
      /** The part of the (NFKC-normalised) text that was read. */
      matched: string;
      assumed?: WhenAssumption[];
    }
  | {
      ok: false;
      reason: 'unparseable' | 'past' | 'ambiguous';
      /** A few concrete future instants the caller can offer (as Discord timestamps). */
      suggestions: Date[];
    };

export type Recurrence =
  | { kind: 'weekly'; interval: 1 | 2; weekday: IsoWeekday }
  | { kind: 'monthlyNthWeekday'; nth: 1 | 2 | 3 | 4 | 5 | -1; weekday: IsoWeekday }
  | { kind: 'weekdays' };

/** A recurring series: a wall-clock time in a zone, never a UTC time (that would drift across DST). */
export interface Series {
  zone: string;
  /** "HH:mm" local. */
  wallTime: string;
  /** "YYYY-MM-DD" local: the first day the series may occur. */
  startDate: string;
  recurrence: Recurrence;
  /** "YYYY-MM-DD" local, inclusive. */
  until?: string;
  /** Local dates ("YYYY-MM-DD") on which the series does not occur. */
  skips?: string[];
}

export interface Occurrence {
  /** "YYYY-MM-DD" in the series zone. */
  localDate: string;
  start: Date;
}
