/**
 * The members directory: one row per stored member with profile attributes and activity, then
 * search, filters and sorting by any column (pure functions; a guild's few hundred rows are
 * sorted in memory). Empty values always sort last, whichever the direction.
 */
import type { ProfileData } from '../kernel/profile-data.js';
import { VISIBILITY_FIELDS, type Visibility, type VisibilityField } from '../kernel/profile-attributes.js';

export interface DirectoryRow {
  userId: string;
  displayName: string | null;
  leaveYear: number | null;
  industry: string | null;
  region: string | null;
  lifeStages: string[];
  joinedAt: Date | null;
  introducedAt: Date | null;
  leftAt: Date | null;
  invitedBy: string | null;
  messages: number;
  voiceMinutes: number;
  activeDays: number;
  lastActiveDay: string | null;
  attended: number;
}

export const SORT_KEYS = [
  'name',
  'leaveYear',
  'industry',
  'region',
  'lifeStages',
  'joined',
  'introduced',
  'messages',
  'voiceMinutes',
  'attended',
  'lastActive',
  'invitedBy',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface DirectoryQuery {
  q?: string;
  leaveYear?: number;
  industry?: string;
  region?: string;
  lifeStage?: string;
  introduced?: boolean;
  attended?: boolean;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

/** Folds width and case so ﾔﾏﾀﾞ finds ヤマダ and "sato" finds "Sato". */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase('en');
}

/**
 * Rows matching the search and every filter given. The search looks in the texts `searchOf`
 * gives (the raw name and the Discord username, not the rendered label, so "left" or "@" do not
 * match everyone); a leading "@" is dropped so "@yui" finds the username "yui_i".
 */
export function filterDirectory(
  rows: readonly DirectoryRow[],
  query: DirectoryQuery,
  searchOf: (row: DirectoryRow) => readonly string[],
): DirectoryRow[] {
  const q = query.q ? searchKey(query.q.replace(/^\s*[@＠]/, '')) : undefined;
  return rows.filter(
    (r) =>
      (q === undefined || q === '' || searchOf(r).some((text) => searchKey(text).includes(q))) &&
      (query.leaveYear === undefined || r.leaveYear === query.leaveYear) &&
      (query.industry === undefined || r.industry === query.industry) &&
      (query.region === undefined || r.region === query.region) &&
      (query.lifeStage === undefined || r.lifeStages.includes(query.lifeStage)) &&
      (query.introduced === undefined || (r.introducedAt !== null) === query.introduced) &&
      (query.attended === undefined || r.attended > 0 === query.attended),
  );
}

type SortValue = string | number | null;

function sortValue(
  row: DirectoryRow,
  key: SortKey,
  nameOf: (row: DirectoryRow) => string,
  labelOf: (kind: string, v: string) => string,
): SortValue {
  switch (key) {
    case 'name':
      return nameOf(row);
    case 'leaveYear':
      return row.leaveYear;
    case 'industry':
      return row.industry ? labelOf('industry', row.industry) : null;
    case 'region':
      return row.region ? labelOf('region', row.region) : null;
    case 'lifeStages':
      return row.lifeStages.length ? row.lifeStages.map((s) => labelOf('lifeStage', s)).join(', ') : null;
    case 'joined':
      return row.joinedAt?.getTime() ?? null;
    case 'introduced':
      return row.introducedAt?.getTime() ?? null;
    case 'messages':
      return row.messages;
    case 'voiceMinutes':
      return row.voiceMinutes;
    case 'attended':
      return row.attended;
    case 'lastActive':
      return row.lastActiveDay;
    case 'invitedBy':
      return row.invitedBy;
  }
}

/** Sorts by `query.sort` (then by name), text in the visitor's collation, empty values last. */
export function sortDirectory(
  rows: readonly DirectoryRow[],
  query: Pick<DirectoryQuery, 'sort' | 'dir'>,
  nameOf: (row: DirectoryRow) => string,
  locale: string,
  labelOf: (kind: string, value: string) => string = (_k, v) => v,
): DirectoryRow[] {
  const collator = new Intl.Collator(locale === 'ja' ? 'ja' : 'en', { sensitivity: 'base', numeric: true });
  const sign = query.dir === 'desc' ? -1 : 1;
  const keyed = rows.map((row) => ({
    row,
    value: sortValue(row, query.sort, nameOf, labelOf),
    name: nameOf(row),
  }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else if (a.value !== b.value) {
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      if (order !== 0) return sign * order;
    }
    return collator.compare(a.name, b.name) || a.row.userId.localeCompare(b.row.userId);
  });
  return keyed.map((k) => k.row);
}

export interface VisibleField {
  field: VisibilityField;
  visibility: Visibility;
}

/**
 * The profile fields an audience may see: alumni (the organisers running the community are
 * alumni) see every field; the company's staff only those the member opened to staff.
 */
export function visibleFields(
  profile: Pick<ProfileData, 'visibility'>,
  audience: Visibility,
): VisibleField[] {
  return VISIBILITY_FIELDS.filter((f) => audience === 'alumni' || profile.visibility[f] === 'staff').map(
    (field) => ({
      field,
      visibility: profile.visibility[field],
    }),
  );
}
