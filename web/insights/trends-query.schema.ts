/**
 * The Trends page's GET parameters (?range=28&bucket=day&active=10, or range=custom&from=…&to=…)
 * through zod (web/core/query-schema.ts). Every bad value is reported, none throws; the period is
 * in the guild's calendar, ending today in its zone.
 */
import { z } from 'zod';
import { DateTime } from 'luxon';
import type { BucketSize, Period } from '../../shared/insights/fold.js';
import { addLocalDays } from '../../shared/insights/hours.js';
import { ACTIVE_MINUTES_CAP } from '../../shared/insights/rollup.model.js';
import { parseFields, type FieldIssue } from '../core/query-schema.js';

export const RANGES = ['7', '28', '90', 'custom'] as const;
export type Range = (typeof RANGES)[number];
export const MAX_DAYS = 366;
export const ACTIVE_MIN = 1;
/** The page accepts every threshold the rollup keeps exact (longer voice time is stored as the cap). */
export const ACTIVE_MAX = ACTIVE_MINUTES_CAP;
/** Voice minutes that make a member active when the page is not told otherwise. */
export const DEFAULT_ACTIVE_MINUTES = 10;

type Field = 'range' | 'from' | 'to' | 'bucket' | 'active';
export type TrendsIssue = FieldIssue<Field>;

export interface TrendsForm {
  range: Range;
  from: string;
  to: string;
  bucket: BucketSize;
  active: number;
}

export interface ParsedTrendsQuery {
  /** Absent when the input was invalid. */
  period?: Period;
  form: TrendsForm;
  issues: TrendsIssue[];
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => DateTime.fromISO(s, { zone: 'UTC' }).isValid);

/** Reads the page's query; `today` is the guild-local day the preset ranges end on. */
export function parseTrendsQuery(query: Record<string, unknown>, today: string): ParsedTrendsQuery {
  const { values, issues } = parseFields(
    {
      range: { schema: z.enum(RANGES), key: 'insights.trends.error.range' },
      from: { schema: isoDay, key: 'insights.trends.error.date' },
      to: { schema: isoDay, key: 'insights.trends.error.date' },
      bucket: { schema: z.enum(['day', 'week']), key: 'insights.trends.error.bucket' },
      active: {
        schema: z
          .string()
          .regex(/^\d{1,4}$/)
          .transform(Number)
          .pipe(z.number().min(ACTIVE_MIN).max(ACTIVE_MAX)),
        key: 'insights.trends.error.active',
        vars: { min: ACTIVE_MIN, max: ACTIVE_MAX },
      },
    },
    query,
  );
  const range = values.range ?? '28';
  const form: TrendsForm = {
    range,
    from: values.from ?? '',
    to: values.to ?? '',
    bucket: values.bucket ?? 'day',
    active: values.active ?? DEFAULT_ACTIVE_MINUTES,
  };
  const all = [...issues];
  let period: Period | undefined;
  if (range === 'custom') {
    if (!values.from || !values.to) {
      if (!issues.some((i) => i.field === 'from' || i.field === 'to'))
        all.push({ field: 'from', key: 'insights.trends.error.customNeedsDates', vars: {} });
    } else if (values.from > values.to) {
      all.push({ field: 'from', key: 'insights.trends.error.order', vars: {} });
    } else if (lengthInDays(values.from, values.to) > MAX_DAYS) {
      all.push({ field: 'to', key: 'insights.trends.error.tooLong', vars: { max: MAX_DAYS } });
    } else {
      period = { from: values.from, to: values.to };
    }
  } else {
    period = { from: addLocalDays(today, -(Number(range) - 1)), to: today };
    form.from = period.from;
    form.to = period.to;
  }
  return { ...(all.length === 0 && period ? { period } : {}), form, issues: all };
}

/** Days from `from` to `to` inclusive, without walking them (a typo'd year must not loop for long). */
function lengthInDays(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days) + 1;
}
