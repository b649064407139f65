/**
 * Who brings people in, read from the database: the guild's invites, the joins pinned on them
 * and where those members are now, handed to the pure counts in invite-counts.ts.
 */
import { InviteRecord } from './invite-record.model.js';
import { JoinAttribution } from './join-attribution.model.js';
import { Profile } from '../kernel/profile.model.js';
import {
  cohortPeople,
  distinctPeople,
  rankConnectors,
  type ConnectorRow,
  type CountedInvite,
  type CountedJoin,
  type MemberState,
} from './invite-counts.js';
import { cohortSpellings } from './invite-labels.js';

export type LeaderboardRow = ConnectorRow;

/** The guild's invites and pinned joins as the counts take them. */
export async function loadInviteCounts(
  guildId: string,
): Promise<{ invites: CountedInvite[]; joins: CountedJoin[] }> {
  const [records, rows] = await Promise.all([
    InviteRecord.find({ guildId }).sort({ createdAt: 1, code: 1 }).lean(),
    JoinAttribution.find(
      { guildId, method: 'invite', code: { $ne: null } },
      { userId: 1, code: 1, repeat: 1 },
    ).lean(),
  ]);
  // One spelling per cohort, so every count below groups "Sales" and "sales" together.
  const labels = cohortSpellings(records);
  return {
    invites: records.map((r, i) => ({
      code: r.code,
      kind: r.kind ?? (r.createdBy ? 'cohort' : 'discord'),
      label: labels[i] ?? null,
      uses: r.uses ?? 0,
      seenJoins: r.attributedJoins ?? 0,
      inviterId: r.inviterId ?? null,
      createdBy: r.createdBy ?? null,
      inviterErased: r.inviterErased ?? false,
    })),
    joins: rows.map((r) => ({
      id: String(r._id),
      userId: r.userId ?? null,
      code: r.code as string,
      repeat: r.repeat ?? false,
    })),
  };
}

/** Whether each of `userIds` is still a member and has introduced themself. */
async function memberStates(guildId: string, userIds: string[]): Promise<Map<string, MemberState>> {
  if (userIds.length === 0) return new Map();
  const profiles = await Profile.find(
    { guildId, userId: { $in: userIds } },
    { userId: 1, leftAt: 1, introducedAt: 1 },
  ).lean();
  return new Map(
    profiles.map((p) => [p.userId, { leftAt: p.leftAt ?? null, introducedAt: p.introducedAt ?? null }]),
  );
}

/**
 * Who brings people in: people ranked by the members they brought who stayed, then who
 * introduced themselves, then all they brought (each person once, however often they came back).
 */
export async function inviteLeaderboard(
  guildId: string,
  options: { limit?: number } = {},
): Promise<LeaderboardRow[]> {
  const { invites, joins } = await loadInviteCounts(guildId);
  const people = distinctPeople(joins).filter((p) => !p.startsWith('row:'));
  const rows = rankConnectors(invites, joins, await memberStates(guildId, people));
  return rows.slice(0, options.limit ?? 20);
}

export interface CohortRow {
  label: string;
  /** Members brought in (people, once each). */
  joins: number;
  codes: string[];
}

/** Members brought in per cohort label, most first. */
export async function cohortStats(guildId: string): Promise<CohortRow[]> {
  const { invites, joins } = await loadInviteCounts(guildId);
  const people = cohortPeople(invites, joins);
  const rows = new Map<string, CohortRow>();
  for (const invite of invites) {
    if (invite.label === null) continue;
    const row = rows.get(invite.label) ?? {
      label: invite.label,
      joins: people.get(invite.label) ?? 0,
      codes: [],
    };
    row.codes.push(invite.code);
    rows.set(invite.label, row);
  }
  return [...rows.values()].sort((a, b) => b.joins - a.joins || a.label.localeCompare(b.label));
}
