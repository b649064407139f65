/**
 * Loads the per-member facts the funnel and cohorts need — profiles (join, intro, leave year),
 * invite cohorts (join attributions), attendance (through its source), active months (member
 * rollups) — and computes them. Reads profiles of members who are still stored: an erased
 * person is no longer in any step (their guild aggregates stay on the Trends page).
 */
import { Profile } from '../kernel/profile.model.js';
import { JoinAttribution } from '../connect/join-attribution.model.js';
import type { AttendanceSource } from './attendance.js';
import {
  cohorts,
  filterMembers,
  funnel,
  type CohortRow,
  type FunnelFilter,
  type FunnelStepResult,
  type MemberFacts,
} from './funnel.js';
import { localMonthOf } from './hours.js';
import { MemberDay } from './rollup.model.js';

export interface FunnelData {
  steps: FunnelStepResult[];
  cohorts: CohortRow[];
  /** Whether the "first mixer or event" step has a data source (deepen's attendance). */
  attendanceMeasured: boolean;
  /** Choices for the filters: join months, leave years, invite cohorts present in the guild. */
  options: { joinMonths: string[]; leaveYears: number[]; cohorts: string[] };
}

/** The first invite cohort each member joined through. */
async function cohortOf(guildId: string): Promise<Map<string, string>> {
  const rows = await JoinAttribution.find(
    { guildId, userId: { $ne: null }, label: { $ne: null } },
    { userId: 1, label: 1, joinedAt: 1 },
  )
    .sort({ joinedAt: 1 })
    .lean();
  const labels = new Map<string, string>();
  for (const row of rows) if (!labels.has(row.userId!)) labels.set(row.userId!, row.label!);
  return labels;
}

/** Each member's months with a message or at least `minVoiceMinutes` of voice (per month). */
export async function activeMonths(
  guildId: string,
  minVoiceMinutes: number,
): Promise<Map<string, Set<string>>> {
  const rows = await MemberDay.aggregate<{
    _id: { key: string; month: string };
    messages: number;
    voiceSeconds: number;
  }>([
    { $match: { guildId } },
    {
      $group: {
        _id: { key: '$userId', month: { $substrBytes: ['$day', 0, 7] } },
        messages: { $sum: '$messages' },
        voiceSeconds: { $sum: '$voiceSeconds' },
      },
    },
  ]);
  const months = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.messages <= 0 && row.voiceSeconds < minVoiceMinutes * 60) continue;
    const set = months.get(row._id.key) ?? new Set<string>();
    set.add(row._id.month);
    months.set(row._id.key, set);
  }
  return months;
}

/** Every stored member of the guild with the facts of the funnel. */
export async function memberFacts(guildId: string, attendance?: AttendanceSource): Promise<MemberFacts[]> {
  const [profiles, labels, attended] = await Promise.all([
    Profile.find({ guildId }, { userId: 1, joinedAt: 1, leftAt: 1, leaveYear: 1, introducedAt: 1 }).lean(),
    cohortOf(guildId),
    attendance ? attendance.attendances(guildId) : Promise.resolve([]),
  ]);
  const byUser = new Map<string, Map<string, Date>>();
  for (const a of attended) {
    const occasions = byUser.get(a.userId) ?? new Map<string, Date>();
    const seen = occasions.get(a.occasion);
    if (!seen || a.at < seen) occasions.set(a.occasion, a.at);
    byUser.set(a.userId, occasions);
  }
  return profiles.map((p) => ({
    userId: p.userId,
    joinedAt: p.joinedAt ?? null,
    leftAt: p.leftAt ?? null,
    leaveYear: p.leaveYear ?? null,
    cohort: labels.get(p.userId) ?? null,
    introducedAt: p.introducedAt ?? null,
    attendances: [...(byUser.get(p.userId)?.values() ?? [])],
  }));
}

/** The funnel (filtered) and the cohorts (filtered by leave year and invite cohort) of a guild. */
export async function loadFunnel(
  guildId: string,
  query: { filter: FunnelFilter; zone: string; now: Date; activeMinutes: number },
  attendance?: AttendanceSource,
): Promise<FunnelData> {
  const [facts, months] = await Promise.all([
    memberFacts(guildId, attendance),
    activeMonths(guildId, query.activeMinutes),
  ]);
  const { joinMonth: _month, ...cohortFilter } = query.filter;
  const joined = facts.filter((f) => f.joinedAt !== null);
  return {
    steps: funnel(filterMembers(facts, query.filter, query.zone)),
    cohorts: cohorts(filterMembers(facts, cohortFilter, query.zone), months, query.zone, query.now),
    attendanceMeasured: attendance !== undefined,
    options: {
      joinMonths: [...new Set(joined.map((f) => localMonthOf(f.joinedAt!, query.zone)))].sort().reverse(),
      leaveYears: [...new Set(facts.flatMap((f) => (f.leaveYear === null ? [] : [f.leaveYear])))].sort(
        (a, b) => b - a,
      ),
      cohorts: [...new Set(facts.flatMap((f) => (f.cohort === null ? [] : [f.cohort])))].sort(),
    },
  };
}
