import type { LeaderboardRow } from '../../shared/connect/invite-tracking.service.js';
import type { ConnectorSource } from '../../shared/connect/invite-counts.js';
import type { AttributionCounts, CohortSummary } from '../../shared/connect/invite-reads.js';
import { dateFormatter, formatCount, personNamer, type PresentContext } from '../core/format.js';

export interface ConnectorView {
  rank: number;
  person: string;
  joins: string;
  stayed: string;
  introduced: string;
  uses: string;
  sources: string;
}

export interface InvitesView {
  leaderboard: ConnectorView[];
  cohorts: {
    label: string;
    createdBy: string;
    uses: string;
    joins: string;
    invites: { code: string; uses: string; joins: string; state: string; active: boolean }[];
  }[];
  attribution: { attributed: string; ambiguous: string; unknown: string };
}

/** "personal link: 3 · 2025 leavers – Sales: 2": where a person's members came through. */
function sourcesText(ctx: PresentContext, sources: ConnectorSource[]): string {
  return sources
    .map((s) =>
      ctx.t('web.invites.source.item', {
        source:
          s.kind === 'personal'
            ? ctx.t('web.invites.source.personal')
            : (s.label ?? ctx.t('web.invites.source.other')),
        count: formatCount(ctx, s.people),
      }),
    )
    .join(' · ');
}

/** One row of the people who bring others in (the invites page and the overview). */
export function presentConnectors(
  rows: LeaderboardRow[],
  names: ReadonlyMap<string, string>,
  ctx: PresentContext,
): ConnectorView[] {
  const name = personNamer(ctx, names);
  const count = (n: number) => formatCount(ctx, n);
  return rows.map((row, i) => ({
    rank: i + 1,
    person: name(row.inviterId),
    joins: count(row.joins),
    stayed: count(row.stayed),
    introduced: count(row.introduced),
    uses: count(row.uses),
    sources: sourcesText(ctx, row.sources),
  }));
}

/** The invites page: who brings people in, cohort invites, and joins without an invite. */
export function presentInvites(
  data: {
    leaderboard: LeaderboardRow[];
    cohorts: CohortSummary[];
    attribution: AttributionCounts;
    names: ReadonlyMap<string, string>;
  },
  ctx: PresentContext,
): InvitesView {
  const { t } = ctx;
  const name = personNamer(ctx, data.names);
  const date = dateFormatter(ctx);
  const count = (n: number) => formatCount(ctx, n);
  return {
    leaderboard: presentConnectors(data.leaderboard, data.names, ctx),
    cohorts: data.cohorts.map((cohort) => {
      const creators = [...new Set(cohort.invites.map((i) => i.createdBy))];
      return {
        label: cohort.label,
        createdBy: creators.map((id) => (id === null ? t('web.people.none') : name(id))).join(', '),
        uses: count(cohort.uses),
        joins: count(cohort.joins),
        invites: cohort.invites.map((invite) => ({
          code: invite.code,
          uses:
            invite.maxUses > 0
              ? t('web.invites.cohorts.usesOf', { uses: count(invite.uses), max: count(invite.maxUses) })
              : count(invite.uses),
          joins: count(invite.people),
          active: invite.deletedAt === null,
          state:
            invite.deletedAt === null
              ? t('web.invites.cohorts.active')
              : t('web.invites.cohorts.deleted', { date: date(invite.deletedAt)?.text ?? '' }),
        })),
      };
    }),
    attribution: {
      attributed: count(data.attribution.attributed),
      ambiguous: count(data.attribution.ambiguous),
      unknown: count(data.attribution.unknown),
    },
  };
}

/** The user ids whose names the invites page shows: the people ranked and the cohorts' creators. */
export function invitePeople(leaderboard: LeaderboardRow[], cohorts: CohortSummary[] = []): string[] {
  const creators = cohorts.flatMap((c) => c.invites.map((i) => i.createdBy));
  return [
    ...new Set([...leaderboard.map((row) => row.inviterId), ...creators.filter((id): id is string => !!id)]),
  ];
}
