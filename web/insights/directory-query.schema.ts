/**
 * The directory's GET parameters (?q=…&leaveYear=2021&industry=it&region=kanto&lifeStage=…&
 * introduced=yes&attended=no&sort=messages&dir=desc&page=2) through zod; every bad value is
 * reported, the form is kept.
 */
import { z } from 'zod';
import { INDUSTRIES, LEAVE_YEAR_MIN, LIFE_STAGES, REGIONS } from '../../shared/kernel/profile-attributes.js';
import { SORT_KEYS, type DirectoryQuery, type SortKey } from '../../shared/insights/directory.js';
import { parseFields, type FieldIssue } from '../core/query-schema.js';

export const Q_MAX = 100;
export const MAX_PAGE = 10_000;
export const DIRECTORY_FIELDS = [
  'q',
  'leaveYear',
  'industry',
  'region',
  'lifeStage',
  'introduced',
  'attended',
  'sort',
  'dir',
  'page',
] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];
export type DirectoryIssue = FieldIssue<DirectoryField>;

/** The form as shown again: only values that passed. */
export type DirectoryForm = Record<Exclude<DirectoryField, 'page'>, string>;

export function parseDirectoryQuery(input: Record<string, unknown>, now: Date) {
  const maxYear = now.getUTCFullYear();
  const yesNo = z.enum(['yes', 'no']);
  const choice = 'insights.directory.error.choice' as const;
  const { values, issues } = parseFields(
    {
      q: { schema: z.string().max(Q_MAX), key: 'insights.directory.error.q', vars: { max: Q_MAX } },
      leaveYear: {
        schema: z
          .string()
          .regex(/^\d{4}$/)
          .transform(Number)
          .pipe(z.number().min(LEAVE_YEAR_MIN).max(maxYear)),
        key: 'insights.directory.error.leaveYear',
        vars: { min: LEAVE_YEAR_MIN, max: maxYear },
      },
      industry: { schema: z.enum(INDUSTRIES), key: choice },
      region: { schema: z.enum(REGIONS), key: choice },
      lifeStage: { schema: z.enum(LIFE_STAGES), key: choice },
      introduced: { schema: yesNo, key: choice },
      attended: { schema: yesNo, key: choice },
      sort: { schema: z.enum(SORT_KEYS), key: 'insights.directory.error.sort' },
      dir: { schema: z.enum(['asc', 'desc']), key: 'insights.directory.error.sort' },
      page: {
        schema: z
          .string()
          .regex(/^\d{1,6}$/)
          .transform(Number)
          .pipe(z.number().min(1).max(MAX_PAGE)),
        key: 'insights.directory.error.page',
      },
    },
    input,
  );
  const sort: SortKey = values.sort ?? 'name';
  const query: DirectoryQuery = { sort, dir: values.dir ?? 'asc' };
  if (values.q) query.q = values.q;
  if (values.leaveYear !== undefined) query.leaveYear = values.leaveYear;
  if (values.industry) query.industry = values.industry;
  if (values.region) query.region = values.region;
  if (values.lifeStage) query.lifeStage = values.lifeStage;
  if (values.introduced) query.introduced = values.introduced === 'yes';
  if (values.attended) query.attended = values.attended === 'yes';
  const form: DirectoryForm = {
    q: values.q ?? '',
    leaveYear: values.leaveYear !== undefined ? String(values.leaveYear) : '',
    industry: values.industry ?? '',
    region: values.region ?? '',
    lifeStage: values.lifeStage ?? '',
    introduced: values.introduced ?? '',
    attended: values.attended ?? '',
    sort: values.sort ?? '',
    dir: values.dir ?? '',
  };
  return { query, form, page: values.page ?? 1, issues: issues as DirectoryIssue[] };
}
