import type { MemberCounts, MemberRow } from '../../shared/know/member-reads.js';
import type { OpenBaton } from '../../shared/know/relay-reads.js';
import {
  dateFormatter,
  formatCount,
  formatShare,
  personNamer,
  type DateView,
  type PresentContext,
} from '../core/format.js';

export interface ConnectOverviewView {
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
    joined: formatCount(ctx, data.counts.joined),
    introduced: formatCount(ctx, data.counts.introduced),
    introducedShare: formatShare(ctx, data.counts.introduced, data.counts.joined),
    latestIntros: data.latest.map((row) => ({
      name: row.displayName ?? name(row.userId),
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

/** The user ids whose names the overview card shows. */
export function overviewPeople(batons: OpenBaton[]): string[] {
  return batons
    .flatMap(({ link }) => [link.fromUserId, link.nomineeId])
    .filter((id): id is string => id !== null);
}
