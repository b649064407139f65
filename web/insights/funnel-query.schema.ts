/**
 * The funnel page's GET filters (?joinMonth=2026-03&leaveYear=2021&cohort=…) through zod. Every
 * bad value is reported (as a message key) and the page keeps the form; empty means "any".
 */
import { z } from 'zod';
import type { FunnelFilter } from '../../shared/insights/funnel.js';
import { LEAVE_YEAR_MIN } from '../../shared/kernel/profile-attributes.js';
import { parseFields, type FieldIssue } from '../core/query-schema.js';
import { ACTIVE_MAX, ACTIVE_MIN, DEFAULT_ACTIVE_MINUTES } from './trends-query.schema.js';

export const COHORT_MAX = 100;
export type FunnelIssue = FieldIssue<'joinMonth' | 'leaveYear' | 'cohort' | 'active'>;

export interface FunnelForm {
  joinMonth: string;
  leaveYear: string;
  cohort: string;
  active: number;
}

export function parseFunnelQuery(query: Record<string, unknown>, now: Date) {
  const maxYear = now.getUTCFullYear();
  const { values, issues } = parseFields(
    {
      joinMonth: {
        schema: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
        key: 'insights.funnel.error.joinMonth',
      },
      leaveYear: {
        schema: z
          .string()
          .regex(/^\d{4}$/)
          .transform(Number)
          .pipe(z.number().min(LEAVE_YEAR_MIN).max(maxYear)),
        key: 'insights.funnel.error.leaveYear',
        vars: { min: LEAVE_YEAR_MIN, max: maxYear },
      },
      cohort: {
        schema: z.string().max(COHORT_MAX),
        key: 'insights.funnel.error.cohort',
        vars: { max: COHORT_MAX },
      },
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
  const filter: FunnelFilter = {};
  if (values.joinMonth) filter.joinMonth = values.joinMonth;
  if (values.leaveYear !== undefined) filter.leaveYear = values.leaveYear;
  if (values.cohort) filter.cohort = values.cohort;
  const form: FunnelForm = {
    joinMonth: values.joinMonth ?? '',
    leaveYear: values.leaveYear !== undefined ? String(values.leaveYear) : '',
    cohort: values.cohort ?? '',
    active: values.active ?? DEFAULT_ACTIVE_MINUTES,
  };
  return { filter, form, issues: issues as FunnelIssue[] };
}
