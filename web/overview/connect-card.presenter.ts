import type { MemberCounts, MemberRow } from '../../shared/know/member-reads.js';
import type { OpenBaton } from '../../shared/know/relay-reads.js';
import {
  dateFormatter,
  describePerson,
  formatCount,
  formatShare,
  personNamer,
  type DateView,
  type PresentContext,
} from '../core/format.js';

export interface ConnectOverviewView {
  /** THE member count (GuildReads.memberTotal), or "unknown" when Discord cannot be asked. */
  joined: string;
  introduced: string;
  /** "40%", or null when nobody has joined yet. */
  introducedShare: string | null;
  latestIntros: { name: string; date: DateView | null }[];
  openBatons: { chain: string; from: string; nominee: string; date: DateView | null }[];
  /** Chains whose holder (or the organisers) still has to nominate the next person. */
  awaitingNomination: number;
}

/** The overview's Connect & Know card: joined vs introduced, latest intros, open batons. */
export function presentConnectOverview(
  data: {
    counts: MemberCounts;
    /** People in the server now, bots not counted (GuildReads.memberTotal); null when unknown. */
    members: number | null;
    latest: MemberRow[];
    batons: OpenBaton[];
    awaitingNomination: number;
    names: ReadonlyMap<string, string>;
  },
  ctx: PresentContext,
): ConnectOverviewView {
  const date = dateFormatter(ctx);
  const name = personNamer(ctx, data.names);
  return {
    joined: data.members === null ? ctx.t('web.overview.unknown') : formatCount(ctx, data.members),
    introduced: formatCount(ctx, data.counts.introduced),
    // Introduced members are members too, so the share never passes 100% (a member list read
    // a minute ago may briefly lag behind an intro).
    introducedShare:
      data.members === null
        ? null
        : formatShare(ctx, Math.min(data.counts.introduced, data.members), data.members),
    latestIntros: data.latest.map((row) => ({
      name: describePerson(ctx, data.names, row.userId) ?? row.displayName ?? name(row.userId),
      date: date(row.introducedAt),
    })),
    openBatons: data.batons.map(({ chainNumber, link }) => ({
      chain: chainNumber === null ? '?' : String(chainNumber),
      from: link.nominatedByBot ? ctx.t('web.people.bot') : name(link.fromUserId),
      nominee: name(link.nomineeId),
      date: date(link.nominatedAt),
    })),
    awaitingNomination: data.awaitingNomination,
  };
}

/** The user ids whose names the overview card shows (batons, and the latest intros when given). */
export function overviewPeople(batons: OpenBaton[], latest: readonly MemberRow[] = []): string[] {
  return [
    ...batons.flatMap(({ link }) => [link.fromUserId, link.nomineeId]),
    ...latest.map((row) => row.userId),
  ].filter((id): id is string => id !== null);
}
