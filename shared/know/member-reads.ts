/**
 * Read-only queries for the dashboard's overview and relay pages (organisers and moderators);
 * the member list itself is the Insights directory (shared/insights/directory.service.ts).
 * Plain ids in, plain objects out; the web adapter never queries models itself.
 */
import { Profile } from '../kernel/profile.model.js';
import type { Industry, Region } from '../kernel/profile-attributes.js';

/** Members present in the guild (not left) as Tsunagu knows them, and how many introduced themselves. */
export interface MemberCounts {
  joined: number;
  introduced: number;
}

/** One member as the overview lists them: only what it shows, nothing else leaves the service. */
export interface MemberRow {
  userId: string;
  displayName: string | null;
  leaveYear: number | null;
  industry: Industry | null;
  region: Region | null;
  introducedAt: Date | null;
  joinedAt: Date | null;
  invitedBy: string | null;
}

const ROW_FIELDS = {
  userId: 1,
  displayName: 1,
  leaveYear: 1,
  industry: 1,
  region: 1,
  introducedAt: 1,
  joinedAt: 1,
  invitedBy: 1,
} as const;

/** Counts present members and the introduced among them, for the overview's funnel step. */
export async function memberCounts(guildId: string): Promise<MemberCounts> {
  const [joined, introduced] = await Promise.all([
    Profile.countDocuments({ guildId, leftAt: null }),
    Profile.countDocuments({ guildId, leftAt: null, introducedAt: { $ne: null } }),
  ]);
  return { joined, introduced };
}

/** The most recent introductions of present members, newest first. */
export async function latestIntros(guildId: string, limit = 5): Promise<MemberRow[]> {
  const docs = await Profile.find({ guildId, leftAt: null, introducedAt: { $ne: null } }, ROW_FIELDS)
    .sort({ introducedAt: -1, userId: 1 })
    .limit(limit)
    .lean();
  return docs.map(toRow);
}

/**
 * Display names (from the intro) of the given members, keyed by user id; ids without a profile
 * or without a name are left out, so callers fall back to something neutral.
 */
export async function displayNamesOf(
  guildId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const docs = await Profile.find(
    { guildId, userId: { $in: ids }, displayName: { $ne: null } },
    { userId: 1, displayName: 1 },
  ).lean();
  // An empty (or blank) intro name names nobody: the dashboard falls back to the Discord name.
  return new Map(
    docs.flatMap((d) =>
      typeof d.displayName === 'string' && d.displayName.trim() !== '' ? [[d.userId, d.displayName]] : [],
    ),
  );
}

function toRow(doc: Record<string, unknown>): MemberRow {
  const date = (v: unknown) => (v instanceof Date ? v : null);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    userId: String(doc.userId),
    displayName: str(doc.displayName),
    leaveYear: typeof doc.leaveYear === 'number' ? doc.leaveYear : null,
    industry: str(doc.industry) as Industry | null,
    region: str(doc.region) as Region | null,
    introducedAt: date(doc.introducedAt),
    joinedAt: date(doc.joinedAt),
    invitedBy: str(doc.invitedBy),
  };
}
