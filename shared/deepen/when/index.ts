/**
 * Event times for the deepen step: reading what organisers type, and recurring series kept as
 * wall-clock time + IANA zone. Pure code (luxon + chrono-node), independent of the process zone.
 */
export { parseWhen } from './parse-when.js';
export { occurrencesBetween, nextOccurrences, nthWeekdayOfMonth } from './recurrence.js';
export { describeRecurrence } from './recurrence-describe.js';
export { parseRecurrence } from './recurrence-parse.js';
export { wallClockToInstant, localDateOf, wallClockOf } from './zone-time.js';
export type {
  IsoWeekday,
  Occurrence,
  Recurrence,
  Series,
  WhenAssumption,
  WhenLocale,
  WhenOptions,
  WhenResult,
} from './when.types.js';
