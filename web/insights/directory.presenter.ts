/**
 * The members directory as shown, exported (CSV: localized headers and labels) and as JSON (codes
 * and ISO dates, for scripts). Names: the intro name, else the Discord name, else the id.
 *
 * Privacy: a member chooses per field whether it is seen by other alumni only ('alumni') or by
 * the former company's staff too ('staff'). This page is only reachable by the guild's
 * organisers and moderators (requireGuildAccess), who run the community from the alumni side,
 * so they see both 'alumni' and 'staff' fields, as any alumnus does in the intro channel. A
 * future company-staff view must filter with `profile.visibility[field] === 'staff'` instead
 * (as intro-view does for the 'staff' audience).
 */
import {
  attributeLabelKey,
  INDUSTRIES,
  LIFE_STAGES,
  REGIONS,
  type AttributeKind,
} from '../../shared/kernel/profile-attributes.js';
import { SORT_KEYS, type DirectoryRow, type SortKey } from '../../shared/insights/directory.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import {
  dateFormatter,
  describePerson,
  formatCount,
  type DateView,
  type PresentContext,
} from '../core/format.js';
import { PeopleNames } from '../core/member-names.js';
import type { DirectoryForm, DirectoryIssue } from './directory-query.schema.js';
import type { Option } from './trends.presenter.js';

export const COLUMN_KEYS: Record<SortKey, MessageKey> = {
  name: 'insights.col.name',
  leaveYear: 'insights.col.leaveYear',
  industry: 'insights.col.industry',
  region: 'insights.col.region',
  lifeStages: 'insights.col.lifeStages',
  joined: 'insights.col.joined',
  introduced: 'insights.col.introduced',
  messages: 'insights.col.messages',
  voiceMinutes: 'insights.col.voiceMinutes',
  attended: 'insights.col.attended',
  lastActive: 'insights.col.lastActive',
  invitedBy: 'insights.col.invitedBy',
};

/**
 * A person as scripts and spreadsheets get them: the raw name (intro name, else Discord name),
 * the Discord username and whether they left, as separate fields that do not change with the
 * visitor's language (the decorated label is for the HTML only).
 */
export function plainPerson(names: ReadonlyMap<string, string>) {
  const people = names instanceof PeopleNames ? names : undefined;
  return (userId: string, displayName?: string | null) => ({
    name: (displayName?.trim() ? displayName : names.get(userId)) || null,
    username: people?.usernames.get(userId) ?? null,
    left: people?.left.has(userId) ?? false,
  });
}

/** What the directory's search looks in: the raw name and the username. */
export function searchTexts(names: ReadonlyMap<string, string>) {
  const plain = plainPerson(names);
  return (row: DirectoryRow): string[] => {
    const p = plain(row.userId, row.displayName);
    return [p.name ?? '', p.username ?? ''];
  };
}

/** Names a directory row: intro name, else Discord name, else "User (ID …)". */
export function rowNamer(ctx: PresentContext, names: ReadonlyMap<string, string>) {
  return (userId: string | null, displayName?: string | null): string => {
    if (userId === null) return ctx.t('web.people.erased');
    // The intro name, else the Discord name, with the username beside it either way (names are
    // not unique, usernames are); a member nobody can name is "not introduced yet", an inviter
    // shows their id.
    const named = describePerson(ctx, names, userId, displayName ?? undefined);
    if (named !== undefined) return named;
    return displayName === null ? ctx.t('web.members.noName') : ctx.t('web.people.unknown', { id: userId });
  };
}

export function attributeLabel(ctx: PresentContext, kind: AttributeKind, value: string | null): string {
  return value ? ctx.t(attributeLabelKey(kind, value)) : '';
}

export interface DirectoryRowView {
  href: string;
  name: string;
  unnamed: boolean;
  leaveYear: string;
  industry: string;
  region: string;
  lifeStages: string;
  joined: DateView | null;
  introduced: DateView | null;
  messages: string;
  voiceMinutes: string;
  attended: string;
  lastActive: string;
  invitedBy: string;
}

export interface DirectoryView {
  basePath: string;
  csvHref: string;
  jsonHref: string;
  form: DirectoryForm;
  /** The filter menus, in form order. */
  selects: { name: string; label: string; options: Option[] }[];
  errors: string[];
  result?: {
    count: string;
    columns: { key: SortKey; label: string; href: string; sorted: 'ascending' | 'descending' | 'none' }[];
    rows: DirectoryRowView[];
    pageLabel: string;
    prevHref: string | null;
    nextHref: string | null;
  };
}

function choice(
  ctx: PresentContext,
  values: readonly string[],
  chosen: string,
  label: (v: string) => string,
): Option[] {
  return [
    { value: '', label: ctx.t('insights.directory.filter.any'), selected: chosen === '' },
    ...values.map((value) => ({ value, label: label(value), selected: value === chosen })),
  ];
}

function queryString(form: DirectoryForm, changes: Partial<DirectoryForm> & { page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...form, ...changes }))
    if (v !== '' && v !== undefined && v !== 1) params.set(k, String(v));
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** The page: form (with what was chosen), sortable columns, rows of this page, paging. */
export function presentDirectory(
  input: {
    guildId: string;
    form: DirectoryForm;
    issues: DirectoryIssue[];
    leaveYears: number[];
    rows?: DirectoryRow[];
    page: number;
    pageSize: number;
    names: ReadonlyMap<string, string>;
  },
  ctx: PresentContext,
): DirectoryView {
  const { t } = ctx;
  const basePath = `/guilds/${input.guildId}/insights/directory`;
  const { form } = input;
  const yn = (chosen: string) =>
    choice(ctx, ['yes', 'no'], chosen, (v) =>
      t(v === 'yes' ? 'insights.directory.filter.yes' : 'insights.directory.filter.no'),
    );
  const view: DirectoryView = {
    basePath,
    csvHref: `${basePath}.csv${queryString(form)}`,
    jsonHref: `${basePath}.json${queryString(form)}`,
    form,
    selects: [
      {
        name: 'leaveYear',
        label: t('insights.directory.filter.leaveYear'),
        options: choice(
          ctx,
          [...new Set([...input.leaveYears.map(String), ...(form.leaveYear ? [form.leaveYear] : [])])]
            .sort()
            .reverse(),
          form.leaveYear,
          (y) => t('web.members.leaveYearValue', { year: Number(y) }),
        ),
      },
      {
        name: 'industry',
        label: t('insights.directory.filter.industry'),
        options: choice(ctx, INDUSTRIES, form.industry, (v) => attributeLabel(ctx, 'industry', v)),
      },
      {
        name: 'region',
        label: t('insights.directory.filter.region'),
        options: choice(ctx, REGIONS, form.region, (v) => attributeLabel(ctx, 'region', v)),
      },
      {
        name: 'lifeStage',
        label: t('insights.directory.filter.lifeStage'),
        options: choice(ctx, LIFE_STAGES, form.lifeStage, (v) => attributeLabel(ctx, 'lifeStage', v)),
      },
      { name: 'introduced', label: t('insights.directory.filter.introduced'), options: yn(form.introduced) },
      { name: 'attended', label: t('insights.directory.filter.attended'), options: yn(form.attended) },
    ],
    errors: input.issues.map((i) => t(i.key, i.vars)),
  };
  if (!input.rows) return view;
  const rows = input.rows;
  const pages = Math.max(1, Math.ceil(rows.length / input.pageSize));
  const page = Math.min(input.page, pages);
  const date = dateFormatter(ctx);
  const name = rowNamer(ctx, input.names);
  const none = t('web.people.none');
  const sort = (form.sort || 'name') as SortKey;
  const dir = form.dir || 'asc';
  view.result = {
    count: t('insights.directory.count', { total: formatCount(ctx, rows.length) }),
    columns: SORT_KEYS.map((key) => ({
      key,
      label: t(COLUMN_KEYS[key]),
      href: `${basePath}${queryString(form, { sort: key, dir: key === sort && dir === 'asc' ? 'desc' : 'asc' })}`,
      sorted: key === sort ? (dir === 'asc' ? 'ascending' : 'descending') : 'none',
    })),
    rows: rows.slice((page - 1) * input.pageSize, page * input.pageSize).map((r) => ({
      href: `${basePath}/${r.userId}`,
      name: name(r.userId, r.displayName),
      unnamed: r.displayName === null,
      leaveYear: r.leaveYear === null ? none : t('web.members.leaveYearValue', { year: r.leaveYear }),
      industry: attributeLabel(ctx, 'industry', r.industry) || none,
      region: attributeLabel(ctx, 'region', r.region) || none,
      lifeStages: r.lifeStages.map((s) => attributeLabel(ctx, 'lifeStage', s)).join('、') || none,
      joined: date(r.joinedAt),
      introduced: date(r.introducedAt),
      messages: formatCount(ctx, r.messages),
      voiceMinutes: formatCount(ctx, r.voiceMinutes),
      attended: formatCount(ctx, r.attended),
      lastActive: r.lastActiveDay ?? none,
      invitedBy: r.invitedBy ? name(r.invitedBy) : none,
    })),
    pageLabel: t('insights.directory.page', { page, pages }),
    prevHref: page > 1 ? `${basePath}${queryString(form, { page: page - 1 })}` : null,
    nextHref: page < pages ? `${basePath}${queryString(form, { page: page + 1 })}` : null,
  };
  return view;
}

/** The export's rows: the header, then one row per member (labels in the visitor's language). */
export function directoryTable(
  rows: readonly DirectoryRow[],
  names: ReadonlyMap<string, string>,
  ctx: PresentContext,
): (string | number)[][] {
  const { t } = ctx;
  const plain = plainPerson(names);
  const day = (d: Date | null) =>
    d ? new Intl.DateTimeFormat('sv-SE', { timeZone: ctx.timeZone }).format(d) : '';
  const header = [
    t('insights.col.name'),
    t('insights.col.userId'),
    t('insights.col.username'),
    ...SORT_KEYS.slice(1).map((k) => t(COLUMN_KEYS[k])),
    t('insights.col.left'),
  ];
  return [
    header,
    ...rows.map((r) => [
      plain(r.userId, r.displayName).name ?? '',
      r.userId,
      plain(r.userId).username ?? '',
      r.leaveYear ?? '',
      attributeLabel(ctx, 'industry', r.industry),
      attributeLabel(ctx, 'region', r.region),
      r.lifeStages.map((s) => attributeLabel(ctx, 'lifeStage', s)).join(' / '),
      day(r.joinedAt),
      day(r.introducedAt),
      r.messages,
      r.voiceMinutes,
      r.attended,
      r.lastActiveDay ?? '',
      r.invitedBy ? (plain(r.invitedBy).name ?? r.invitedBy) : '',
      day(r.leftAt),
    ]),
  ];
}

/**
 * The JSON list: codes and ISO instants (a script maps codes itself), names resolved into
 * separate name (null when nobody can name them), username and left fields, the same in every
 * language.
 */
export function directoryJson(rows: readonly DirectoryRow[], names: ReadonlyMap<string, string>) {
  const plain = plainPerson(names);
  return rows.map((r) => ({
    ...r,
    ...plain(r.userId, r.displayName),
    invitedByName: r.invitedBy ? plain(r.invitedBy).name : null,
    joinedAt: r.joinedAt?.toISOString() ?? null,
    introducedAt: r.introducedAt?.toISOString() ?? null,
    leftAt: r.leftAt?.toISOString() ?? null,
  }));
}
