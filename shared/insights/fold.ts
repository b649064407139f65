/**
 * Folding rollups into what the Trends page shows, in the guild's calendar: UTC hours into local
 * days (23 or 25 hours on DST days) and ISO weeks, hours
 * into an hour × weekday heatmap, and each figure against the previous period. Pure functions.
 */
import { addLocalDays, daysBetween, localDayOf, localWeekdayHour, weekOf } from './hours.js';

export type BucketSize = 'day' | 'week';

/** Local days, inclusive. */
export interface Period {
  from: string;
  to: string;
}

export interface HourRow {
  hour: Date;
  messages: number;
  voiceSeconds: number;
  joins: number;
  leaves: number;
}

/** The period of the same length just before `period`. */
export function previousPeriod(period: Period): Period {
  const length = daysBetween(period.from, period.to).length;
  return { from: addLocalDays(period.from, -length), to: addLocalDays(period.from, -1) };
}

/** The bucket (its first local day) a local day falls into. */
export function bucketOf(day: string, size: BucketSize): string {
  return size === 'day' ? day : weekOf(day);
}

/** Every bucket of a period, oldest first (a week that starts before the period is labelled by its Monday). */
export function bucketLabels(period: Period, size: BucketSize): string[] {
  return [...new Set(daysBetween(period.from, period.to).map((d) => bucketOf(d, size)))];
}

function inPeriod(day: string, period: Period): boolean {
  return day >= period.from && day <= period.to;
}

export interface HourSeries {
  messages: number[];
  voiceMinutes: number[];
  joins: number[];
  leaves: number[];
}

/** Guild hours → per-bucket series over `period` (hours outside it are ignored). */
export function foldHours(
  rows: readonly HourRow[],
  zone: string,
  period: Period,
  size: BucketSize,
): HourSeries {
  const labels = bucketLabels(period, size);
  const index = new Map(labels.map((l, i) => [l, i]));
  const zero = () => labels.map(() => 0);
  const out = { messages: zero(), voiceSeconds: zero(), joins: zero(), leaves: zero() };
  for (const row of rows) {
    const day = localDayOf(row.hour, zone);
    if (!inPeriod(day, period)) continue;
    const i = index.get(bucketOf(day, size))!;
    out.messages[i]! += row.messages;
    out.voiceSeconds[i]! += row.voiceSeconds;
    out.joins[i]! += row.joins;
    out.leaves[i]! += row.leaves;
  }
  return {
    messages: out.messages,
    voiceMinutes: out.voiceSeconds.map((s) => Math.round(s / 60)),
    joins: out.joins,
    leaves: out.leaves,
  };
}

/** Daily counts (e.g. intros by local day) → per-bucket series over `period`. */
export function foldDays(
  days: readonly { day: string; count: number }[],
  period: Period,
  size: BucketSize,
): number[] {
  const labels = bucketLabels(period, size);
  const index = new Map(labels.map((l, i) => [l, i]));
  const out = labels.map(() => 0);
  for (const { day, count } of days)
    if (inPeriod(day, period)) out[index.get(bucketOf(day, size))!]! += count;
  return out;
}

/** Messages by local weekday (rows 0–6 = Monday–Sunday) and local hour (columns 0–23). */
export function heatmap(rows: readonly HourRow[], zone: string, period: Period): number[][] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const row of rows) {
    if (!inPeriod(localDayOf(row.hour, zone), period)) continue;
    const { weekday, hour } = localWeekdayHour(row.hour, zone);
    grid[weekday - 1]![hour]! += row.messages;
  }
  return grid;
}

export interface Comparison {
  value: number;
  previous: number;
  delta: number;
  /** Change in percent of the previous value; null when the previous value was 0. */
  percent: number | null;
}

/** A figure against the previous period's. */
export function compare(value: number, previous: number): Comparison {
  return {
    value,
    previous,
    // Averages carry one decimal: rounded, so 0.7 − 0.6 is 0.1 in the JSON too, not 0.0999….
    delta: Math.round((value - previous) * 10) / 10,
    percent: previous === 0 ? null : Math.round(((value - previous) / previous) * 1000) / 10,
  };
}

/** The sum of a series. */
export function total(series: readonly number[]): number {
  return series.reduce((a, b) => a + b, 0);
}
