/**
 * The intro relay (自己紹介バトン): a first intro starts a chain, each introducer nominates the
 * next member, the nominee's intro completes the link and passes the baton on.
 * Time-driven steps (reminder, hand-back) are in relay-check.service.ts.
 */
import { Types } from 'mongoose';
import { RelayChain } from './relay-chain.model.js';
import { RelayLink, OPEN_LINK_STATUSES, openNomineeKey } from './relay-link.model.js';
import { Profile } from '../kernel/profile.model.js';
import { DomainError } from '../errors.js';
import { addDays } from '../clock.js';
import { isDuplicateKey } from '../db/upsert.js';
import { getGuildSettings } from '../kernel/guild-settings.service.js';
import { countMemberEvent } from '../connect/member-events.service.js';
import { toChainView, toLinkView, type RelayChainView, type RelayLinkView } from './relay-view.js';
import { creditLateIntro } from './relay-late.js';

export * from './relay-check.service.js';
export {
  relayCandidates,
  relayCandidatePage,
  promptExclusions,
  CANDIDATES_PER_PAGE,
} from './relay-candidates.js';
export * from './relay-organiser.service.js';
export { isDuplicateKey } from '../db/upsert.js';
export type { RelayChainView, RelayLinkView, RelayBreakView, NominationRequestView } from './relay-view.js';

export type IntroRelayResult =
  | { kind: 'completed'; chain: RelayChainView; link: RelayLinkView }
  /**
   * A nominee whose baton had already been handed back introduced themself after all: the passed
   * link is credited to its chain (see relay-late.ts). `tookBaton` says whether they now hold the
   * baton (the chain had not moved on) or the chain carries on elsewhere.
   */
  | { kind: 'completedLate'; chain: RelayChainView; link: RelayLinkView; tookBaton: boolean }
  | { kind: 'started'; chain: RelayChainView }
  | { kind: 'none'; chain: RelayChainView | null };

/**
 * Call after a member's intro (safe to call again on edits). In order:
 * 1. an open nomination of them is completed (chain length + 1, the baton moves to them);
 * 2. a member already in a chain (holder, starter, nominator, completed nominee) gets `none`;
 * 3. a nomination of them that was passed (baton handed back) is credited late to that chain:
 *    length + 1, and the baton moves to them only if it is still with their nominator or the bot
 *    (`completedLate`, see relay-late.ts), so the chain that continued meanwhile is untouched;
 * 4. otherwise, with the relay enabled, a new chain starts and they hold it.
 * A member is counted at most once: after 1, 3 or 4 they are "in a chain" and edits stop at 2.
 * Returns the chain so the adapter can ask the member to nominate the next person when they
 * hold its baton (`chain.batonHolderId === userId`).
 */
export async function onIntroduced(input: {
  guildId: string;
  userId: string;
  now?: Date;
}): Promise<IntroRelayResult> {
  const { guildId, userId } = input;
  const now = input.now ?? new Date();
  const link = await RelayLink.findOneAndUpdate(
    { guildId, nomineeId: userId, status: { $in: OPEN_LINK_STATUSES } },
    { $set: { status: 'completed', completedAt: now, closedAt: now }, $unset: { openNomineeKey: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (link) {
    const chain = await RelayChain.findOneAndUpdate(
      { _id: link.chainId },
      {
        $inc: { length: 1 },
        $set: { batonHolderId: userId, batonWithBot: false, status: 'active', lastActivityAt: now },
      },
      { returnDocument: 'after' },
    ).lean();
    await countMemberEvent(guildId, 'relayCompleted', now);
    if (!chain) throw new Error(`relay chain ${String(link.chainId)} missing for link ${String(link._id)}`);
    return { kind: 'completed', chain: toChainView(chain), link: toLinkView(link) };
  }
  const held = await RelayChain.findOne({ guildId, batonHolderId: userId, status: 'active' }).lean();
  if (held) return { kind: 'none', chain: toChainView(held) };
  // Someone already in a chain (an edited intro, a repeated call) never starts another one.
  const inChain =
    (await RelayChain.exists({ guildId, startedBy: userId })) ??
    (await RelayLink.exists({
      guildId,
      $or: [{ fromUserId: userId }, { nomineeId: userId, status: 'completed' }],
    }));
  if (inChain) return { kind: 'none', chain: null };
  const late = await creditLateIntro({ guildId, userId, now });
  // Another call credited the same nomination a moment ago: this one must not start a chain.
  if (late === 'lost') return { kind: 'none', chain: null };
  if (late) return { kind: 'completedLate', ...late };
  const settings = await getGuildSettings(guildId);
  if (!settings.relay.enabled) return { kind: 'none', chain: null };
  return { kind: 'started', chain: await startChain(guildId, userId, now) };
}

async function startChain(guildId: string, userId: string, now: Date): Promise<RelayChainView> {
  // Chain numbers are per guild; a concurrent start takes the same number and retries.
  for (let tries = 0; ; tries++) {
    const last = await RelayChain.findOne({ guildId }, { number: 1 }).sort({ number: -1 }).lean();
    try {
      const created = await RelayChain.create({
        guildId,
        number: (last?.number ?? 0) + 1,
        startedBy: userId,
        startedAt: now,
        length: 1,
        batonHolderId: userId,
        lastActivityAt: now,
      });
      return toChainView(created.toObject());
    } catch (error) {
      if (!isDuplicateKey(error) || tries >= 5) throw error;
    }
  }
}

/** What the adapter knows about the nominee from Discord. */
export interface NomineeFacts {
  userId: string;
  isBot: boolean;
  /** False when the user is not (or no longer) a member of the guild. */
  isMember: boolean;
  /**
   * True when the member joined this moment (the join event): Discord is the truth then, and a
   * returning member's `leftAt` may not be cleared yet by the join's own handler.
   */
  justJoined?: boolean;
}

/**
 * A nomination by the baton holder, or by the bot on a chain's behalf. The bot's own picks (a
 * newcomer picking a baton up, the bot choosing a candidate) take only a baton the bot holds;
 * `override` is for an organiser's explicit action, which may also take a person's baton.
 */
export type Nominator = { userId: string } | { bot: true; chainId: string; override?: boolean };

/**
 * Nominates the next person. The holder passes their baton; the bot (or an organiser through
 * it) may nominate for a chain whose baton came back to it, or override a holder.
 * @throws DomainError RELAY_DISABLED, RELAY_NOT_HOLDER, RELAY_SELF, RELAY_BOT, RELAY_NOMINEE_LEFT,
 *   RELAY_ALREADY_INTRODUCED, RELAY_ALREADY_NOMINATED.
 */
export async function nominate(input: {
  guildId: string;
  by: Nominator;
  nominee: NomineeFacts;
  now?: Date;
}): Promise<{ chain: RelayChainView; link: RelayLinkView }> {
  const { guildId, by, nominee } = input;
  const now = input.now ?? new Date();
  const settings = await getGuildSettings(guildId);
  if (!settings.relay.enabled)
    throw new DomainError('CONFLICT', 'connect.relay.error.disabled', {}, { reason: 'RELAY_DISABLED' });
  const fromUserId = 'userId' in by ? by.userId : null;
  await checkNominee(guildId, fromUserId, nominee);

  if ('chainId' in by && !Types.ObjectId.isValid(by.chainId)) {
    throw new DomainError('NOT_FOUND', 'connect.relay.error.chainNotFound');
  }
  // Taking the baton atomically makes a double click nominate once.
  const chain = await RelayChain.findOneAndUpdate(
    'userId' in by
      ? { guildId, batonHolderId: by.userId, status: 'active' }
      : // The bot takes a baton that came back to it; only an organiser's override takes a
        // person's, and never an open nomination. Checked in the update itself: a late intro
        // between a read and this update must not hand a person's baton to a newcomer.
        {
          guildId,
          _id: new Types.ObjectId(by.chainId),
          ...(by.override
            ? { $or: [{ batonWithBot: true }, { batonHolderId: { $ne: null } }] }
            : { batonWithBot: true }),
        },
    { $set: { batonHolderId: null, batonWithBot: false, status: 'active', lastActivityAt: now } },
    { returnDocument: 'before' },
  ).lean();
  if (!chain)
    throw new DomainError('FORBIDDEN', 'connect.relay.error.notHolder', {}, { reason: 'RELAY_NOT_HOLDER' });

  const position = await nextPosition(chain._id, chain.length ?? 1);
  const previous = await RelayLink.findOne({ chainId: chain._id, position }).sort({ attempt: -1 }).lean();
  try {
    const link = await RelayLink.create({
      guildId,
      chainId: chain._id,
      position,
      attempt: (previous?.attempt ?? 0) + 1,
      replacesLinkId: previous?._id ?? null,
      fromUserId,
      nominatedByBot: fromUserId === null,
      nomineeId: nominee.userId,
      status: 'pending',
      nominatedAt: now,
      reminderDueAt: addDays(now, settings.relay.reminderDays),
      openNomineeKey: openNomineeKey(guildId, nominee.userId),
    });
    const after = await RelayChain.findById(chain._id).lean();
    return { chain: toChainView(after ?? chain), link: toLinkView(link.toObject()) };
  } catch (error) {
    await giveBatonBack(guildId, chain);

    if (isDuplicateKey(error))
      throw new DomainError(
        'CONFLICT',
        'connect.relay.error.alreadyNominated',
        {},
        { reason: 'RELAY_ALREADY_NOMINATED' },
      );
    throw error;
  }
}

/**
 * A nomination that failed gives the baton back so the holder can pick someone else, but only
 * while the baton is still free (nobody took it meanwhile), and to the bot when the former holder
 * has left since (a baton must never go back to someone who is not there).
 */
async function giveBatonBack(
  guildId: string,
  chain: {
    _id: Types.ObjectId;
    batonHolderId?: string | null;
    batonWithBot?: boolean | null;
    status?: string | null;
  },
): Promise<void> {
  const holderId = chain.batonHolderId ?? null;
  const holderLeft =
    holderId !== null &&
    (await Profile.exists({ guildId, userId: holderId, leftAt: { $ne: null } })) !== null;
  const back = holderLeft
    ? { batonHolderId: null, batonWithBot: true }
    : {
        batonHolderId: holderId,
        batonWithBot: chain.batonWithBot ?? false,
        status: chain.status ?? 'active',
      };
  const open = await RelayLink.exists({ chainId: chain._id, status: { $in: OPEN_LINK_STATUSES } });
  if (open) return;
  await RelayChain.updateOne(
    { _id: chain._id, batonHolderId: null, batonWithBot: { $ne: true } },
    { $set: back },
  );
}

/**
 * Where the next nomination of a chain goes. When the baton came back from a nomination that was
 * passed or cancelled, this is a retry at that nomination's position (attempt + 1). Otherwise the
 * newest introducer nominates at `length` ("the nomination of the n-th introducer"). The last
 * link to close decides, not `length` alone: a late intro (relay-late.ts) adds to the length while
 * a retry may still be due at an earlier position. Every link is closed here: the baton was free.
 */
async function nextPosition(chainId: Types.ObjectId, length: number): Promise<number> {
  const last = await RelayLink.findOne({ chainId, closedAt: { $ne: null } }, { position: 1, status: 1 })
    .sort({ closedAt: -1, _id: -1 })
    .lean();
  return last && last.status !== 'completed' ? last.position : length;
}

async function checkNominee(
  guildId: string,
  fromUserId: string | null,
  nominee: NomineeFacts,
): Promise<void> {
  if (nominee.userId === fromUserId)
    throw new DomainError('INVALID_INPUT', 'connect.relay.error.self', {}, { reason: 'RELAY_SELF' });
  if (nominee.isBot)
    throw new DomainError('INVALID_INPUT', 'connect.relay.error.bot', {}, { reason: 'RELAY_BOT' });
  const profile = await Profile.findOne(
    { guildId, userId: nominee.userId },
    { introducedAt: 1, leftAt: 1 },
  ).lean();
  if (!nominee.isMember || (profile?.leftAt && !nominee.justJoined)) {
    throw new DomainError(
      'CONFLICT',
      'connect.relay.error.nomineeLeft',
      {},
      { reason: 'RELAY_NOMINEE_LEFT' },
    );
  }
  if (profile?.introducedAt) {
    throw new DomainError(
      'CONFLICT',
      'connect.relay.error.alreadyIntroduced',
      {},
      { reason: 'RELAY_ALREADY_INTRODUCED' },
    );
  }
  const open = await RelayLink.exists({
    guildId,
    nomineeId: nominee.userId,
    status: { $in: OPEN_LINK_STATUSES },
  });
  if (open)
    throw new DomainError(
      'CONFLICT',
      'connect.relay.error.alreadyNominated',
      {},
      { reason: 'RELAY_ALREADY_NOMINATED' },
    );
}

/**
 * Where a member's nomination stands now: `open` (waiting for their intro), `introduced` (they
 * introduced themself), or `moved` (passed over or cancelled, the chain went on without them).
 * A rewritten announcement says what is true now, not "the baton is yours" for ever.
 */
export async function nominationState(
  guildId: string,
  nomineeId: string,
): Promise<'open' | 'introduced' | 'moved'> {
  const profile = await Profile.findOne({ guildId, userId: nomineeId }, { introducedAt: 1 }).lean();
  if (profile?.introducedAt) return 'introduced';
  const open = await RelayLink.exists({ guildId, nomineeId, status: { $in: OPEN_LINK_STATUSES } });
  return open ? 'open' : 'moved';
}

/** The active chain whose baton `userId` holds (they may nominate now), or null. */
export async function batonOf(guildId: string, userId: string): Promise<RelayChainView | null> {
  const chain = await RelayChain.findOne({ guildId, batonHolderId: userId, status: 'active' }).lean();
  return chain ? toChainView(chain) : null;
}

export interface RelayChainStatusView extends RelayChainView {
  /** Every nomination in order of position and attempt (the fallback history included). */
  links: RelayLinkView[];
  /** The nomination waiting for an intro, if any. */
  openLink: RelayLinkView | null;
}

export interface RelayStatus {
  chains: RelayChainStatusView[];
  activeChains: number;
  longestLength: number;
  totalIntroductions: number;
}

/**
 * The guild's chains for `/relay status` and the dashboard: newest activity first (or the one
 * `chainId`), each with its links, the open nomination, its length and where it broke or was
 * passed. The totals always cover the whole guild.
 */
export async function getRelayStatus(
  guildId: string,
  options: { limit?: number; chainId?: string } = {},
): Promise<RelayStatus> {
  const only =
    options.chainId && Types.ObjectId.isValid(options.chainId)
      ? { _id: new Types.ObjectId(options.chainId) }
      : {};
  const chains = await RelayChain.find({ guildId, ...only })
    .sort({ lastActivityAt: -1 })
    .limit(options.limit ?? 10)
    .lean();
  const links = await RelayLink.find({ chainId: { $in: chains.map((c) => c._id) } }).lean();
  const views = chains.map((chain) => {
    const own = links
      .filter((l) => String(l.chainId) === String(chain._id))
      .map(toLinkView)
      .sort((a, b) => a.position - b.position || a.attempt - b.attempt);
    return {
      ...toChainView(chain),
      links: own,
      openLink: own.find((l) => OPEN_LINK_STATUSES.includes(l.status)) ?? null,
    };
  });
  const all = await RelayChain.find({ guildId }, { length: 1, status: 1 }).lean();
  return {
    chains: views,
    activeChains: all.filter((c) => c.status === 'active').length,
    longestLength: Math.max(0, ...all.map((c) => c.length ?? 0)),
    totalIntroductions: all.reduce((sum, c) => sum + (c.length ?? 0), 0),
  };
}
