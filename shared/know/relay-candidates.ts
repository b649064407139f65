import { RelayLink, OPEN_LINK_STATUSES } from './relay-link.model.js';
import { Profile } from '../kernel/profile.model.js';

/**
 * Members who may be nominated: present, not introduced, not already nominated anywhere
 * (newest members first, at most `limit`, 25 by default to fit a select menu).
 */
export async function relayCandidates(
  guildId: string,
  options: { excludeUserIds?: string[]; limit?: number } = {},
): Promise<string[]> {
  const pending = await RelayLink.find(
    { guildId, status: { $in: OPEN_LINK_STATUSES } },
    { nomineeId: 1 },
  ).lean();
  const exclude = [
    ...(options.excludeUserIds ?? []),
    ...pending.flatMap((l) => (l.nomineeId ? [l.nomineeId] : [])),
  ];
  const docs = await Profile.find(
    { guildId, introducedAt: null, leftAt: null, userId: { $nin: exclude } },
    { userId: 1 },
  )
    .sort({ joinedAt: -1 })
    .limit(options.limit ?? 25)
    .lean();
  return docs.map((d) => d.userId);
}
