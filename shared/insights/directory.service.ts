/**
 * Reads for the members directory and the member page: profiles, activity totals from the
 * per-member rollups, attendance (deepen, through its source), invitations (join attributions).
 */
import { DomainError } from '../errors.js';
import { Profile } from '../kernel/profile.model.js';
import { toProfileData, type ProfileData } from '../kernel/profile-data.js';
import { JoinAttribution } from '../connect/join-attribution.model.js';
import type { Attendance, AttendanceSource } from './attendance.js';
import type { DirectoryRow } from './directory.js';
import { MemberDay } from './rollup.model.js';

interface Totals {
  messages: number;
  voiceSeconds: number;
  days: number;
  lastDay: string | null;
}

async function activityTotals(guildId: string, userId?: string): Promise<Map<string, Totals>> {
  const rows = await MemberDay.aggregate<{
    _id: string;
    messages: number;
    voiceSeconds: number;
    days: number;
    lastDay: string | null;
  }>([
    { $match: { guildId, ...(userId ? { userId } : {}) } },
    {
      $group: {
        _id: '$userId',
        messages: { $sum: '$messages' },
        voiceSeconds: { $sum: '$voiceSeconds' },
        days: { $sum: 1 },
        lastDay: { $max: '$day' },
      },
    },
  ]);
  return new Map(
    rows.map((r) => [
      r._id,
      { messages: r.messages, voiceSeconds: r.voiceSeconds, days: r.days, lastDay: r.lastDay },
    ]),
  );
}

function occasionsByUser(list: readonly Attendance[]): Map<string, Attendance[]> {
  const out = new Map<string, Map<string, Attendance>>();
  for (const a of list) {
    const mine = out.get(a.userId) ?? new Map<string, Attendance>();
    const before = mine.get(a.occasion);
    if (!before || a.at < before.at) mine.set(a.occasion, a);
    out.set(a.userId, mine);
  }
  return new Map(
    [...out].map(([u, m]) => [u, [...m.values()].sort((a, b) => a.at.getTime() - b.at.getTime())]),
  );
}

/** Every stored member of the guild as a directory row. */
export async function loadDirectoryRows(
  guildId: string,
  attendance?: AttendanceSource,
): Promise<DirectoryRow[]> {
  const [profiles, totals, attended] = await Promise.all([
    Profile.find({ guildId }).lean(),
    activityTotals(guildId),
    attendance ? attendance.attendances(guildId) : Promise.resolve([]),
  ]);
  const occasions = occasionsByUser(attended);
  return profiles.map((doc) => {
    const p = toProfileData(doc as never);
    const t = totals.get(p.userId);
    return {
      userId: p.userId,
      displayName: p.displayName,
      leaveYear: p.leaveYear,
      industry: p.industry,
      region: p.region,
      lifeStages: p.lifeStages,
      joinedAt: p.joinedAt,
      introducedAt: p.introducedAt,
      leftAt: p.leftAt,
      invitedBy: p.invitedBy,
      messages: t?.messages ?? 0,
      voiceMinutes: Math.round((t?.voiceSeconds ?? 0) / 60),
      activeDays: t?.days ?? 0,
      lastActiveDay: t?.lastDay ?? null,
      attended: occasions.get(p.userId)?.length ?? 0,
    };
  });
}

export interface MemberDetail {
  profile: ProfileData;
  activity: { messages: number; voiceMinutes: number; activeDays: number; lastActiveDay: string | null };
  attended: Attendance[];
  /** Who brought them in: the inviter of their invite, else the profile's record. */
  invitedBy: string | null;
  inviteLabel: string | null;
  /** Whom they brought in (erased people are not listed). */
  invited: string[];
}

/** One member's page. @throws DomainError NOT_FOUND when the guild has no such member. */
export async function loadMemberDetail(
  guildId: string,
  userId: string,
  attendance?: AttendanceSource,
): Promise<MemberDetail> {
  const doc = await Profile.findOne({ guildId, userId }).lean();
  if (!doc) throw new DomainError('NOT_FOUND', 'insights.member.notFound');
  const [totals, attended, mine, theirs] = await Promise.all([
    activityTotals(guildId, userId),
    attendance ? attendance.attendances(guildId) : Promise.resolve([]),
    JoinAttribution.find({ guildId, userId }).sort({ joinedAt: 1 }).lean(),
    JoinAttribution.find({ guildId, inviterId: userId, userId: { $ne: null } })
      .sort({ joinedAt: 1 })
      .lean(),
  ]);
  const profile = toProfileData(doc as never);
  const t = totals.get(userId);
  const first = mine.find((a) => a.inviterId) ?? mine[0];
  const invited = [
    ...new Set([
      ...theirs.map((a) => a.userId!),
      ...(await Profile.find({ guildId, invitedBy: userId }, { userId: 1 }).lean()).map((p) => p.userId),
    ]),
  ];
  return {
    profile,
    activity: {
      messages: t?.messages ?? 0,
      voiceMinutes: Math.round((t?.voiceSeconds ?? 0) / 60),
      activeDays: t?.days ?? 0,
      lastActiveDay: t?.lastDay ?? null,
    },
    attended: occasionsByUser(attended.filter((a) => a.userId === userId)).get(userId) ?? [],
    invitedBy: first?.inviterId ?? profile.invitedBy,
    inviteLabel: first?.label ?? null,
    invited: invited.filter((id) => id !== userId),
  };
}
