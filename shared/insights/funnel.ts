/**
 * The activation funnel and retention cohorts, computed from per-member facts (pure functions).
 * Funnel steps are nested: each counts the people of the step before who also reached it, so
 * the conversion between two steps is a share of real people. No minimum sizes: a cohort of 3
 * is shown as 3 (alumni servers are small).
 */
import { DAY_MS } from '../clock.js';
import { localMonthOf, monthsBetween } from './hours.js';

/** The second mixer or event must come within this many days of the first to count as "came back". */
export const CAME_BACK_DAYS = 60;

export const FUNNEL_STEPS = ['joined', 'introduced', 'attended', 'cameBack', 'collaborated'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface MemberFacts {
  userId: string;
  joinedAt: Date | null;
  leftAt: Date | null;
  /** The year they left the company (profile attribute). */
  leaveYear: number | null;
  /** The invite cohort label of the invite they joined through. */
  cohort: string | null;
  introducedAt: Date | null;
  /** First time at each distinct mixer or event, any order. */
  attendances: Date[];
}

export interface FunnelFilter {
  /** YYYY-MM in the guild's zone. */
  joinMonth?: string;
  leaveYear?: number;
  cohort?: string;
}

export interface FunnelStepResult {
  step: FunnelStep;
  /** null: not measured yet (collaboration arrives with the "create" step). */
  count: number | null;
  /** Share of the previous step, 0–1; null for the first step or when not computable. */
  conversion: number | null;
  /** Share of everyone who joined, 0–1. */
  ofJoined: number | null;
}

/** Members matching the filter (by join month in `zone`, leave year, invite cohort). */
export function filterMembers(
  members: readonly MemberFacts[],
  filter: FunnelFilter,
  zone: string,
): MemberFacts[] {
  return members.filter(
    (m) =>
      m.joinedAt !== null &&
      (filter.joinMonth === undefined || localMonthOf(m.joinedAt, zone) === filter.joinMonth) &&
      (filter.leaveYear === undefined || m.leaveYear === filter.leaveYear) &&
      (filter.cohort === undefined || m.cohort === filter.cohort),
  );
}

/** True when a second distinct occasion followed the first within CAME_BACK_DAYS days. */
export function cameBack(attendances: readonly Date[]): boolean {
  const times = attendances.map((d) => d.getTime()).sort((a, b) => a - b);
  return times.length >= 2 && times[1]! - times[0]! <= CAME_BACK_DAYS * DAY_MS;
}

/** joined → introduced → first mixer or event → came back → collaborated (not measured). */
export function funnel(members: readonly MemberFacts[]): FunnelStepResult[] {
  const joined = members.filter((m) => m.joinedAt !== null);
  const introduced = joined.filter((m) => m.introducedAt !== null);
  const attended = introduced.filter((m) => m.attendances.length > 0);
  const back = attended.filter((m) => cameBack(m.attendances));
  const counts: (number | null)[] = [joined.length, introduced.length, attended.length, back.length, null];
  return FUNNEL_STEPS.map((step, i) => {
    const count = counts[i]!;
    const before = i === 0 ? null : counts[i - 1]!;
    return {
      step,
      count,
      conversion: count === null || before === null || before === 0 ? null : count / before,
      ofJoined: count === null || joined.length === 0 ? null : count / joined.length,
    };
  });
}

export interface CohortRow {
  /** Join month, YYYY-MM in the guild's zone. */
  month: string;
  size: number;
  /** Index m: members active in the m-th month after joining (0 = the join month); null in the future. */
  active: (number | null)[];
}

/**
 * Retention cohorts: for each join month, how many of its members were active in each month
 * since joining. `activeMonths` maps a userId to the months (YYYY-MM) they were active in.
 */
export function cohorts(
  members: readonly MemberFacts[],
  activeMonths: ReadonlyMap<string, ReadonlySet<string>>,
  zone: string,
  now: Date,
): CohortRow[] {
  const current = localMonthOf(now, zone);
  const byMonth = new Map<string, MemberFacts[]>();
  for (const m of members) {
    if (!m.joinedAt) continue;
    const month = localMonthOf(m.joinedAt, zone);
    byMonth.set(month, [...(byMonth.get(month) ?? []), m]);
  }
  return [...byMonth.keys()].sort().map((month) => {
    const people = byMonth.get(month)!;
    const span = monthsBetween(month, current);
    const active: (number | null)[] = [];
    for (let i = 0; i <= span; i++) {
      const target = addMonths(month, i);
      active.push(people.filter((p) => activeMonths.get(p.userId)?.has(target)).length);
    }
    return { month, size: people.length, active };
  });
}

/** YYYY-MM plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
