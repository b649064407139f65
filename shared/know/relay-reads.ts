/**
 * Read-only relay figures for the dashboard overview: the batons waiting right now. The full
 * chain history comes from relay.service's getRelayStatus.
 */
import { RelayChain } from './relay-chain.model.js';
import { OPEN_LINK_STATUSES, RelayLink } from './relay-link.model.js';
import { toLinkView, type RelayLinkView } from './relay-view.js';

/** An open nomination: the nominee still owes an intro. */
export interface OpenBaton {
  chainNumber: number | null;
  link: RelayLinkView;
}

/** Open nominations (pending or reminded), oldest first, so the longest-waiting show at the top. */
export async function openRelayBatons(guildId: string, limit = 10): Promise<OpenBaton[]> {
  const links = await RelayLink.find({ guildId, status: { $in: OPEN_LINK_STATUSES } })
    .sort({ nominatedAt: 1 })
    .limit(limit)
    .lean();
  const chains = await RelayChain.find({ _id: { $in: links.map((l) => l.chainId) } }, { number: 1 }).lean();
  const numbers = new Map(chains.map((c) => [String(c._id), c.number]));
  return links.map((l) => ({ chainNumber: numbers.get(String(l.chainId)) ?? null, link: toLinkView(l) }));
}

/** Active chains whose baton waits for a nomination (held by a member, or handed to the organisers). */
export async function batonsAwaitingNomination(guildId: string): Promise<number> {
  return RelayChain.countDocuments({
    guildId,
    $or: [{ batonHolderId: { $ne: null } }, { batonWithBot: true }],
  });
}
