/**
 * The member list as the page shows it.
 *
 * Privacy: a member chooses per field whether it is seen by other alumni only ('alumni') or by
 * the former company's staff too ('staff'). This page is only reachable by the guild's
 * organisers and moderators (requireGuildAccess), who run the alumni community from the alumni
 * side, so they see both 'alumni' and 'staff' fields, as any alumnus does in the intro channel.
 * A future company-staff view must filter with `profile.visibility[field] === 'staff'` instead
 * (shared/services/intro-view.ts does this for the 'staff' audience). The list shows only the
 * few fields needed to run the community; the rest stays in the member's intro.
 */
import { attributeLabelKey, INDUSTRIES } from '../../shared/kernel/profile-attributes.js';
import type { MemberPage } from '../../shared/know/member-reads.js';
import type { MembersFormState, QueryIssue } from './members-query.schema.js';
import {
  dateFormatter,
  describePerson,
  formatCount,
  personNamer,
  type DateView,
  type PresentContext,
} from '../core/format.js';

export interface MemberRowView {
  name: string;
  /** True when the name is a fallback (no intro yet), shown muted. */
  unnamed: boolean;
  leaveYear: string;
  industry: string;
  region: string;
  introduced: DateView | null;
  invitedBy: string;
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export interface MembersView {
  basePath: string;
  form: {
    introduced: Option[];
    leaveYears: Option[];
    industries: Option[];
  };
  errors: string[];
  /** Absent when the filters were invalid (nothing was queried). */
  result?: {
    count: string;
    rows: MemberRowView[];
    pageLabel: string;
    prevHref: string | null;
    nextHref: string | null;
  };
}

/** Builds the member page: the filter form (with what was chosen), errors, rows and paging links. */
export function presentMembers(
  input: {
    guildId: string;
    form: MembersFormState;
    issues: QueryIssue[];
    leaveYears: number[];
    page?: MemberPage;
    names: ReadonlyMap<string, string>;
  },
  ctx: PresentContext,
): MembersView {
  const { t } = ctx;
  const basePath = `/guilds/${input.guildId}/members`;
  const any = (selected: boolean): Option => ({ value: '', label: t('web.members.filter.any'), selected });
  const years = [
    ...new Set([...input.leaveYears, ...(input.form.leaveYear ? [Number(input.form.leaveYear)] : [])]),
  ]
    .sort((a, b) => b - a)
    .map((y) => ({
      value: String(y),
      label: t('web.members.leaveYearValue', { year: y }),
      selected: input.form.leaveYear === String(y),
    }));
  const view: MembersView = {
    basePath,
    form: {
      introduced: [
        { value: '', label: t('web.members.filter.introducedAll'), selected: input.form.introduced === '' },
        {
          value: 'yes',
          label: t('web.members.filter.introducedYes'),
          selected: input.form.introduced === 'yes',
        },
        {
          value: 'no',
          label: t('web.members.filter.introducedNo'),
          selected: input.form.introduced === 'no',
        },
      ],
      leaveYears: [any(input.form.leaveYear === ''), ...years],
      industries: [
        any(input.form.industry === ''),
        ...INDUSTRIES.map((value) => ({
          value,
          label: t(attributeLabelKey('industry', value)),
          selected: input.form.industry === value,
        })),
      ],
    },
    errors: input.issues.map((issue) => t(issue.key, issue.vars)),
  };
  if (input.page) view.result = presentPage(input.page, input, basePath, ctx);
  return view;
}

function presentPage(
  page: MemberPage,
  input: { form: MembersFormState; names: ReadonlyMap<string, string> },
  basePath: string,
  ctx: PresentContext,
): NonNullable<MembersView['result']> {
  const { t } = ctx;
  const date = dateFormatter(ctx);
  const name = personNamer(ctx, input.names);
  const none = t('web.people.none');
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(input.form)) if (value !== '') params.set(key, value);
    if (n > 1) params.set('page', String(n));
    const query = params.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  return {
    count: t('web.members.count', { total: formatCount(ctx, page.total) }),
    rows: page.rows.map((row) => ({
      // The intro name (else the Discord name) with the username beside it tells organisers who
      // it is; nobody Discord can name shows as not introduced yet.
      name: describePerson(ctx, input.names, row.userId) ?? row.displayName ?? t('web.members.noName'),
      unnamed: row.displayName === null,
      leaveYear: row.leaveYear === null ? none : t('web.members.leaveYearValue', { year: row.leaveYear }),
      industry: row.industry ? t(attributeLabelKey('industry', row.industry)) : none,
      region: row.region ? t(attributeLabelKey('region', row.region)) : none,
      introduced: date(row.introducedAt),
      invitedBy: row.invitedBy ? name(row.invitedBy) : none,
    })),
    pageLabel: t('web.members.page', { page: page.page, pages: page.pageCount }),
    prevHref: page.page > 1 ? href(page.page - 1) : null,
    nextHref: page.page < page.pageCount ? href(page.page + 1) : null,
  };
}
