import { RelayLink, OPEN_LINK_STATUSES } from './relay-link.model.js';
import { Profile } from '../kernel/profile.model.js';
import { RelayChain } from './relay-chain.model.js';

/** One page of members who may be nominated, and how many there are in all. */
export interface CandidatePage {
  userIds: string[];
  total: number;
  offset: number;
}

/** A select menu holds at most 25 options (discord-api-docs, Component Reference: String Select). */
export const CANDIDATES_PER_PAGE = 25;

async function candidateFilter(guildId: string, excludeUserIds: readonly string[] = []) {
  const pending = await RelayLink.find(
    { guildId, status: { $in: OPEN_LINK_STATUSES } },
    { nomineeId: 1 },
  ).lean();
  const exclude = [...excludeUserIds, ...pending.flatMap((l) => (l.nomineeId ? [l.nomineeId] : []))];
  return { guildId, introducedAt: null, leftAt: null, userId: { $nin: exclude } };
}

/**
 * Members who may be nominated: present, not introduced, not already nominated anywhere
 * (newest members first, at most `limit`, 25 by default to fit a select menu).
 */
export async function relayCandidates(
  guildId: string,
  options: { excludeUserIds?: string[]; limit?: number } = {},
): Promise<string[]> {
  const docs = await Profile.find(await candidateFilter(guildId, options.excludeUserIds), { userId: 1 })
    .sort({ joinedAt: -1, userId: 1 })
    .limit(options.limit ?? CANDIDATES_PER_PAGE)
    .lean();
  return docs.map((d) => d.userId);
}

/** The candidates from `offset` (clamped to the last page), newest members first, with the total. */
export async function relayCandidatePage(
  guildId: string,
  options: { excludeUserIds?: string[]; offset?: number; limit?: number } = {},
): Promise<CandidatePage> {
  const filter = await candidateFilter(guildId, options.excludeUserIds);
  const limit = options.limit ?? CANDIDATES_PER_PAGE;
  const total = await Profile.countDocuments(filter);
  const last = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const offset = Math.min(Math.max(0, options.offset ?? 0), last);
  const docs = await Profile.find(filter, { userId: 1 })
    .sort({ joinedAt: -1, userId: 1 })
    .skip(offset)
    .limit(limit)
    .lean();
  return { userIds: docs.map((d) => d.userId), total, offset };
}

/**
 * Who a holder's nomination prompt leaves out, on every page and every refresh: the holder, and
 * the nominee whose nomination brought the baton back to them (passed over, cancelled, left).
 * Built from the chain's last closed link, so a paged or refreshed prompt excludes the same people.
 */
export async function promptExclusions(guildId: string, holderId: string): Promise<string[]> {
  const chain = await RelayChain.findOne(
    { guildId, batonHolderId: holderId, status: 'active' },
    { _id: 1 },
  ).lean();
  if (!chain) return [holderId];
  const last = await RelayLink.findOne(
    { chainId: chain._id, closedAt: { $ne: null } },
    { nomineeId: 1, status: 1 },
  )
    .sort({ closedAt: -1, _id: -1 })
    .lean();
  return last && last.status !== 'completed' && last.nomineeId ? [holderId, last.nomineeId] : [holderId];
}
