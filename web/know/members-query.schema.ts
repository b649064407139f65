/**
 * Reads the member list's GET filters (?introduced=yes|no&leaveYear=2021&industry=it&page=2)
 * through zod schemas (web/core/query-schema.ts). Every bad value is reported (as an i18n key) instead of throwing, so the page can say what to
 * fix and keep the form; an empty value means "no filter".
 */
import { z } from 'zod';
import type { MemberFilter } from '../../shared/know/member-reads.js';
import { INDUSTRIES, LEAVE_YEAR_MIN } from '../../shared/kernel/profile-attributes.js';
import { parseFields, type FieldIssue } from '../core/query-schema.js';

export type QueryIssue = FieldIssue<'introduced' | 'leaveYear' | 'industry' | 'page'>;

/** The filters as the form shows them again (only values that passed validation). */
export interface MembersFormState {
  introduced: '' | 'yes' | 'no';
  leaveYear: string;
  industry: string;
}

export interface MembersQuery {
  filter: MemberFilter;
  page: number;
  form: MembersFormState;
  issues: QueryIssue[];
}

/** The largest page number accepted (far beyond any guild; keeps skip() bounded). */
export const MAX_PAGE = 10_000;

/** Parses the member list's query string; `now` bounds the leave year (no year in the future). */
export function parseMembersQuery(query: Record<string, unknown>, now: Date = new Date()): MembersQuery {
  const maxYear = now.getUTCFullYear();
  const { values, issues } = parseFields(
    {
      introduced: { schema: z.enum(['yes', 'no']), key: 'web.members.error.introduced' },
      leaveYear: {
        schema: z
          .string()
          .regex(/^\d{4}$/)
          .transform(Number)
          .pipe(z.number().min(LEAVE_YEAR_MIN).max(maxYear)),
        key: 'web.members.error.leaveYear',
        vars: { min: LEAVE_YEAR_MIN, max: maxYear },
      },
      industry: { schema: z.enum(INDUSTRIES), key: 'web.members.error.industry' },
      page: {
        schema: z
          .string()
          .regex(/^\d{1,6}$/)
          .transform(Number)
          .pipe(z.number().min(1).max(MAX_PAGE)),
        key: 'web.members.error.page',
      },
    },
    query,
  );
  const filter: MemberFilter = {};
  if (values.introduced) filter.introduced = values.introduced === 'yes';
  if (values.leaveYear !== undefined) filter.leaveYear = values.leaveYear;
  if (values.industry) filter.industry = values.industry;
  return {
    filter,
    page: values.page ?? 1,
    form: {
      introduced: values.introduced ?? '',
      leaveYear: values.leaveYear !== undefined ? String(values.leaveYear) : '',
      industry: values.industry ?? '',
    },
    issues,
  };
}
