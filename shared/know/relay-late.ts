/**
 * Late intros in the relay: a nominee whose baton was already handed back (link `passed`)
 * introduces themself after all. Organisers want that person counted for the chain that asked
 * them, not shown as the start of an unrelated new chain, and they do not want the chain that
 * carried on meanwhile disturbed.
 *
 * What happens:
 * - The passed link becomes `completed` (completedAt/closedAt = the intro; `passedAt` and the
 *   chain's "passed" break stay, so the history still shows where the chain stumbled and that it
 *   recovered). The chain's `length` grows by one, so the chain's length, the longest chain and
 *   the total introductions on /relay status and the dashboard count this person, once, and the
 *   person appears in the chain's line of introducers.
 * - The late introducer takes the baton only when nobody else has picked it up since: it is
 *   still with the nominator who got it back, or with the bot/organisers (a broken chain comes
 *   back to life). If the chain has moved on (a new nomination is open, or a later introducer
 *   holds the baton), the baton stays where it is: the late intro is credited, nothing else moves.
 */
import type { Types } from 'mongoose';
import { RelayChain } from './relay-chain.model.js';
import { RelayLink } from './relay-link.model.js';
import { countMemberEvent } from '../connect/member-events.service.js';
import { toChainView, toLinkView, type RelayChainView, type RelayLinkView } from './relay-view.js';

export interface LateIntroCredit {
  chain: RelayChainView;
  /** The passed nomination, now completed late. */
  link: RelayLinkView;
  /** True when the late introducer took the baton (they may nominate the next person). */
  tookBaton: boolean;
}

/**
 * Credits a late intro of `userId` to the most recently passed nomination of them (see the
 * module comment). Returns null when they have no passed nomination, and `'lost'` when another
 * call credited that nomination first (the caller must then not start a chain either).
 * The caller makes sure the member is not already part of a chain, which keeps edits and
 * repeated calls from crediting a second passed nomination.
 */
export async function creditLateIntro(input: {
  guildId: string;
  userId: string;
  now: Date;
}): Promise<LateIntroCredit | 'lost' | null> {
  const { guildId, userId, now } = input;
  const passed = await RelayLink.findOne({ guildId, nomineeId: userId, status: 'passed' })
    .sort({ passedAt: -1, _id: -1 })
    .lean();
  if (!passed) return null;
  // Conditional on the status, so two calls at once credit the nomination once.
  const link = await RelayLink.findOneAndUpdate(
    { _id: passed._id, status: 'passed' },
    { $set: { status: 'completed', completedAt: now, closedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!link) return 'lost';
  const taken = await takeFreeBaton(link.chainId, link.fromUserId ?? null, userId, now);
  const chain =
    taken ??
    (await RelayChain.findOneAndUpdate(
      { _id: link.chainId },
      { $inc: { length: 1 }, $set: { lastActivityAt: now } },
      { returnDocument: 'after' },
    ).lean());
  if (!chain) throw new Error(`relay chain ${String(link.chainId)} missing for link ${String(link._id)}`);
  await countMemberEvent(guildId, 'relayCompleted', now);
  return { chain: toChainView(chain), link: toLinkView(link), tookBaton: taken !== null };
}

/**
 * Gives the late introducer the chain's baton if it is still where the hand-back left it: with
 * their nominator (who has not nominated again) or with the bot. An open nomination or another
 * holder never matches, and the update is atomic against a nominator nominating at that moment.
 */
async function takeFreeBaton(chainId: Types.ObjectId, nominatorId: string | null, userId: string, now: Date) {
  const free: Record<string, unknown>[] = [{ batonWithBot: true }];
  if (nominatorId) free.push({ batonHolderId: nominatorId });
  return RelayChain.findOneAndUpdate(
    { _id: chainId, $or: free },
    {
      $inc: { length: 1 },
      $set: { batonHolderId: userId, batonWithBot: false, status: 'active', lastActivityAt: now },
    },
    { returnDocument: 'after' },
  ).lean();
}
