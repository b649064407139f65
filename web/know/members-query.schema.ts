/**
 * Reads the member list's GET filters (?introduced=yes|no&leaveYear=2021&industry=it&page=2).
 * Every bad value is reported (as an i18n key) instead of throwing, so the page can say what to
 * fix and keep the form; an empty value means "no filter".
 */
import type { Vars, MessageKey } from '../../shared/i18n/index.js';
import type { MemberFilter } from '../../shared/know/member-reads.js';
import { INDUSTRIES, LEAVE_YEAR_MIN, type Industry } from '../../shared/kernel/profile-attributes.js';

export interface QueryIssue {
  field: 'introduced' | 'leaveYear' | 'industry' | 'page';
  key: MessageKey;
  vars: Vars;
}

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
  const issues: QueryIssue[] = [];
  const filter: MemberFilter = {};
  const form: MembersFormState = { introduced: '', leaveYear: '', industry: '' };

  const introduced = single(query.introduced);
  if (introduced === 'yes' || introduced === 'no') {
    filter.introduced = introduced === 'yes';
    form.introduced = introduced;
  } else if (introduced !== '') {
    issues.push({ field: 'introduced', key: 'web.members.error.introduced', vars: {} });
  }

  const maxYear = now.getUTCFullYear();
  const leaveYear = single(query.leaveYear);
  if (leaveYear !== '') {
    const year = /^\d{4}$/.test(leaveYear) ? Number(leaveYear) : NaN;
    if (year >= LEAVE_YEAR_MIN && year <= maxYear) {
      filter.leaveYear = year;
      form.leaveYear = String(year);
    } else {
      issues.push({
        field: 'leaveYear',
        key: 'web.members.error.leaveYear',
        vars: { min: LEAVE_YEAR_MIN, max: maxYear },
      });
    }
  }

  const industry = single(query.industry);
  if ((INDUSTRIES as readonly string[]).includes(industry)) {
    filter.industry = industry as Industry;
    form.industry = industry;
  } else if (industry !== '') {
    issues.push({ field: 'industry', key: 'web.members.error.industry', vars: {} });
  }

  let page = 1;
  const rawPage = single(query.page);
  if (rawPage !== '') {
    const n = /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : NaN;
    if (n >= 1 && n <= MAX_PAGE) page = n;
    else issues.push({ field: 'page', key: 'web.members.error.page', vars: {} });
  }
  return { filter, page, form, issues };
}

/**
 * One query value as a trimmed string; a repeated parameter (an array) or a nested object is
 * not a value we accept, so it becomes a marker that fails every check.
 */
function single(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') return '\u0000invalid';
  return value.trim();
}
