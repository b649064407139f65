import type { LeaderboardRow } from '../../shared/connect/invite-tracking.service.js';
import type { AttributionCounts, CohortSummary } from '../../shared/connect/invite-reads.js';
import { dateFormatter, formatCount, personNamer, type PresentContext } from '../core/format.js';

export interface InvitesView {
  leaderboard: { rank: number; inviter: string; joins: string; codes: string }[];
  cohorts: {
    label: string;
    total: string;
    uses: string;
    joins: string;
    invites: { code: string; uses: string; joins: string; state: string; active: boolean }[];
  }[];
  attribution: { attributed: string; ambiguous: string; unknown: string };
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
    leaderboard: data.leaderboard.map((row, i) => ({
      rank: i + 1,
      inviter: name(row.inviterId),
      joins: count(row.joins),
      codes: row.codes.join(', '),
    })),
    cohorts: data.cohorts.map((cohort) => ({
      label: cohort.label,
      total: t('web.invites.cohorts.total', { label: cohort.label }),
      uses: count(cohort.uses),
      joins: count(cohort.joins),
      invites: cohort.invites.map((invite) => ({
        code: invite.code,
        uses:
          invite.maxUses > 0
            ? t('web.invites.cohorts.usesOf', { uses: count(invite.uses), max: count(invite.maxUses) })
            : count(invite.uses),
        joins: count(invite.joins),
        active: invite.deletedAt === null,
        state:
          invite.deletedAt === null
            ? t('web.invites.cohorts.active')
            : t('web.invites.cohorts.deleted', { date: date(invite.deletedAt)?.text ?? '' }),
      })),
    })),
    attribution: {
      attributed: count(data.attribution.attributed),
      ambiguous: count(data.attribution.ambiguous),
      unknown: count(data.attribution.unknown),
    },
  };
}

/** The user ids whose names the invites page shows. */
export function invitePeople(leaderboard: LeaderboardRow[]): string[] {
  return leaderboard.map((row) => row.inviterId);
}
