/**
 * Time-driven relay steps, called by the relay job: remind the nominee once after N days, hand
 * the baton back after N more days, and close nominations of members who left.
 * Each transition is a conditional update, so several workers never remind twice.
 */
import { Types } from 'mongoose';
import { RelayChain } from './relay-chain.model.js';
import { RelayLink, OPEN_LINK_STATUSES } from './relay-link.model.js';
import { Profile } from '../kernel/profile.model.js';
import { addDays } from '../clock.js';
import { relayCandidates } from './relay-candidates.js';
import { getGuildSettings } from '../kernel/guild-settings.service.js';
import { toChainView, toLinkView, type RelayChainView, type RelayLinkView } from './relay-view.js';

export type RelayCheckResult =
  /** Nothing to do now; check again at `nextCheckAt`. */
  | { action: 'waiting'; link: RelayLinkView; nextCheckAt: Date }
  /** The nominee was just marked reminded: DM them once; check again at `nextCheckAt`. */
  | { action: 'reminded'; link: RelayLinkView; nextCheckAt: Date }
  /**
   * The baton went back: to `holderId` (the nominator) or, when they are gone, to the bot.
   * `candidates` are members without an intro, to offer in a select menu.
   */
  | {
      action: 'passed';
      link: RelayLinkView;
      chain: RelayChainView;
      holderId: string | null;
      candidates: string[];
    }
  /** The link is closed (completed, cancelled…) or gone: stop checking. */
  | { action: 'closed'; link: RelayLinkView | null };

/** Moves one nomination along its timeline as of `now` (see RelayCheckResult). */
export async function processRelayLink(linkId: string, now: Date = new Date()): Promise<RelayCheckResult> {
  if (!Types.ObjectId.isValid(linkId)) return { action: 'closed', link: null };
  const doc = await RelayLink.findById(linkId).lean();
  if (!doc) return { action: 'closed', link: null };
  const link = toLinkView(doc);
  if (link.status === 'pending') {
    if (now < link.reminderDueAt) return { action: 'waiting', link, nextCheckAt: link.reminderDueAt };
    const { relay } = await getGuildSettings(link.guildId);
    const passDueAt = addDays(now, relay.reminderDays);
    const reminded = await RelayLink.findOneAndUpdate(
      { _id: doc._id, status: 'pending' },
      { $set: { status: 'reminded', remindedAt: now, passDueAt } },
      { returnDocument: 'after' },
    ).lean();
    // Another worker got there first: report the state it left.
    if (!reminded) return processRelayLink(linkId, now);
    return { action: 'reminded', link: toLinkView(reminded), nextCheckAt: passDueAt };
  }
  if (link.status === 'reminded' && link.passDueAt) {
    if (now < link.passDueAt) return { action: 'waiting', link, nextCheckAt: link.passDueAt };
    return passBaton(doc._id, now);
  }
  return { action: 'closed', link };
}

async function passBaton(linkObjectId: Types.ObjectId, now: Date): Promise<RelayCheckResult> {
  const passed = await RelayLink.findOneAndUpdate(
    { _id: linkObjectId, status: 'reminded' },
    { $set: { status: 'passed', passedAt: now, closedAt: now }, $unset: { openNomineeKey: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!passed) return processRelayLink(String(linkObjectId), now);
  const link = toLinkView(passed);
  const chain = await returnBaton(link, 'passed', now);
  const candidates = await candidatesExcluding(link.guildId, [link.nomineeId, link.fromUserId]);
  return { action: 'passed', link, chain, holderId: chain.batonHolderId, candidates };
}

/** Gives the baton of `link`'s chain back to its nominator if still present, else to the bot. */
async function returnBaton(
  link: RelayLinkView,
  kind: 'passed' | 'cancelled',
  now: Date,
): Promise<RelayChainView> {
  const holder = link.fromUserId ? await isPresent(link.guildId, link.fromUserId) : false;
  const chain = await RelayChain.findOneAndUpdate(
    { _id: new Types.ObjectId(link.chainId) },
    {
      $set: {
        batonHolderId: holder ? link.fromUserId : null,
        batonWithBot: !holder,
        // Without a person holding the baton the chain is broken until someone nominates for it.
        status: holder ? 'active' : 'broken',
        lastActivityAt: now,
      },
      $push: {
        breaks: {
          position: link.position,
          linkId: new Types.ObjectId(link.linkId),
          kind: holder ? kind : 'broken',
          at: now,
        },
      },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!chain) throw new Error(`relay chain ${link.chainId} missing`);
  return toChainView(chain);
}

async function isPresent(guildId: string, userId: string): Promise<boolean> {
  const profile = await Profile.findOne({ guildId, userId }, { leftAt: 1 }).lean();
  return profile !== null && !profile.leftAt;
}

async function candidatesExcluding(guildId: string, exclude: (string | null)[]): Promise<string[]> {
  return relayCandidates(guildId, { excludeUserIds: exclude.filter((v): v is string => v !== null) });
}

/**
 * A member left: nominations waiting for them are cancelled (the baton goes back to each
 * nominator, or the bot), and a baton they held goes to the bot. Returns what changed so the
 * adapter can tell the nominators.
 */
export async function cancelNominationsOfLeaver(input: {
  guildId: string;
  userId: string;
  now?: Date;
}): Promise<{ cancelled: { link: RelayLinkView; chain: RelayChainView }[]; chainsToBot: RelayChainView[] }> {
  const { guildId, userId } = input;
  const now = input.now ?? new Date();
  const cancelled: { link: RelayLinkView; chain: RelayChainView }[] = [];
  const open = await RelayLink.find({
    guildId,
    nomineeId: userId,
    status: { $in: OPEN_LINK_STATUSES },
  }).lean();
  for (const doc of open) {
    const closed = await RelayLink.findOneAndUpdate(
      { _id: doc._id, status: { $in: OPEN_LINK_STATUSES } },
      { $set: { status: 'cancelled', closedAt: now }, $unset: { openNomineeKey: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (!closed) continue;
    const link = toLinkView(closed);
    cancelled.push({ link, chain: await returnBaton(link, 'cancelled', now) });
  }
  const held = await RelayChain.find({ guildId, batonHolderId: userId }).lean();
  const chainsToBot: RelayChainView[] = [];
  for (const chain of held) {
    const updated = await RelayChain.findOneAndUpdate(
      { _id: chain._id, batonHolderId: userId },
      {
        $set: { batonHolderId: null, batonWithBot: true, status: 'broken', lastActivityAt: now },
        $push: { breaks: { position: chain.length ?? 1, linkId: null, kind: 'broken', at: now } },
      },
      { returnDocument: 'after' },
    ).lean();
    if (updated) chainsToBot.push(toChainView(updated));
  }
  return { cancelled, chainsToBot };
}
