/**
 * The dashboard's relay page: the chains that matter first, the rest (one person who never passed
 * the baton) apart, and in numbers how many batons wait and for how long. Read-only.
 */
import type { Types } from 'mongoose';
import { RelayChain } from './relay-chain.model.js';
import { RelayLink, OPEN_LINK_STATUSES } from './relay-link.model.js';
import { toChainView, toLinkView, type RelayChainView } from './relay-view.js';
import type { RelayChainStatusView } from './relay.service.js';
import { overrideAllowedFrom } from './relay-organiser.service.js';
import { getGuildSettings } from '../kernel/guild-settings.service.js';

/** A listed chain, and whether an organiser may hand its baton on now (see nominateForOrganiser). */
export type RelayDashboardChain = RelayChainStatusView & { organiserMayNominate: boolean };

/** How long batons have waited: how many, the median and the longest wait (milliseconds). */
export interface WaitFigures {
  count: number;
  medianMs: number | null;
  longestMs: number | null;
}

export interface RelayDashboard {
  /**
   * Chains that grew, stumbled or wait for someone: first the batons waiting for a nomination
   * (the bot's first, then the longest waiting), then the rest longest first.
   */
  chains: RelayDashboardChain[];
  /** How many such chains exist beyond those listed. */
  moreChains: number;
  /** Chains of one person who has not nominated anyone yet (shown collapsed). */
  idle: RelayChainView[];
  idleCount: number;
  /** Nominees who have not introduced themselves yet (since the nomination). */
  waitingForIntro: WaitFigures;
  /** Batons waiting for someone to nominate (since the baton came to them); idle one-person chains left out. */
  waitingForNomination: WaitFigures;
  /** Of those, the batons the bot holds: only an organiser or a newcomer moves them. */
  withBot: number;
}

/** Count, median and longest of the waits since each date. */
export function waitFigures(since: readonly Date[], now: Date): WaitFigures {
  const waits = since.map((d) => Math.max(0, now.getTime() - d.getTime())).sort((a, b) => a - b);
  if (waits.length === 0) return { count: 0, medianMs: null, longestMs: null };
  const mid = Math.floor(waits.length / 2);
  const median = waits.length % 2 === 1 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
  return { count: waits.length, medianMs: median, longestMs: waits[waits.length - 1]! };
}

/** The relay page's data for `guildId` as of `now` (at most `limit` chains listed, `idleLimit` idle ones). */
export async function relayDashboard(
  guildId: string,
  options: { now?: Date; limit?: number; idleLimit?: number } = {},
): Promise<RelayDashboard> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 20;
  const started = (await RelayLink.distinct('chainId', { guildId })) as Types.ObjectId[];
  // A chain matters when it grew, has a nomination (open or past), or waits for the organisers.
  const mattersOr = { $or: [{ length: { $gt: 1 } }, { _id: { $in: started } }, { batonWithBot: true }] };
  const matters = { guildId, ...mattersOr };
  // Of those, the batons someone has to pass (the bot's, or a holder's who has not nominated):
  // listed first, the bot's first, then the longest waiting. Idle one-person chains are not
  // counted here: their holder never passed a baton, nobody is stuck behind them.
  const waitsOr = { $or: [{ batonWithBot: true }, { batonHolderId: { $ne: null } }] };
  const waitingFilter = { guildId, $and: [mattersOr, waitsOr] };
  const restFilter = { guildId, $and: [mattersOr, { batonWithBot: { $ne: true }, batonHolderId: null }] };
  const idleFilter = {
    guildId,
    length: { $lte: 1 },
    _id: { $nin: started },
    batonWithBot: { $ne: true },
  };
  const [waitingDocs, matterCount, idleDocs, idleCount, openLinks] = await Promise.all([
    RelayChain.find(waitingFilter).sort({ batonWithBot: -1, lastActivityAt: 1 }).lean(),
    RelayChain.countDocuments(matters),
    RelayChain.find(idleFilter)
      .sort({ lastActivityAt: -1 })
      .limit(options.idleLimit ?? 100)
      .lean(),
    RelayChain.countDocuments(idleFilter),
    RelayLink.find({ guildId, status: { $in: OPEN_LINK_STATUSES } }, { nominatedAt: 1 }).lean(),
  ]);
  const listedWaiting = waitingDocs.slice(0, limit);
  const restDocs =
    listedWaiting.length < limit
      ? await RelayChain.find(restFilter)
          .sort({ length: -1, lastActivityAt: -1 })
          .limit(limit - listedWaiting.length)
          .lean()
      : [];
  const chainDocs = [...listedWaiting, ...restDocs];
  const links = await RelayLink.find({ chainId: { $in: chainDocs.map((c) => c._id) } }).lean();
  const { relay } = await getGuildSettings(guildId);
  const chains = chainDocs.map((chain) => {
    const own = links
      .filter((l) => String(l.chainId) === String(chain._id))
      .map(toLinkView)
      .sort((a, b) => a.position - b.position || a.attempt - b.attempt);
    const openLink = own.find((l) => OPEN_LINK_STATUSES.includes(l.status)) ?? null;
    // The bot's baton at once; a person's only after they had the reminder time to pass it.
    const organiserMayNominate =
      !openLink &&
      (chain.batonWithBot === true ||
        (chain.batonHolderId != null &&
          overrideAllowedFrom(chain.lastActivityAt, relay.reminderDays) <= now));
    return { ...toChainView(chain), links: own, openLink, organiserMayNominate };
  });
  return {
    chains,
    moreChains: Math.max(0, matterCount - chains.length),
    idle: idleDocs.map(toChainView),
    idleCount,
    waitingForIntro: waitFigures(
      openLinks.map((l) => l.nominatedAt),
      now,
    ),
    waitingForNomination: waitFigures(
      waitingDocs.map((c) => c.lastActivityAt),
      now,
    ),
    withBot: waitingDocs.filter((c) => c.batonWithBot).length,
  };
}
