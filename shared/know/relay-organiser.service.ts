/**
 * Batons nobody is passing: a chain whose baton came back to the bot (the nominator left or
 * erased their data, nobody without an intro was left), or a holder who has not nominated yet.
 * Organisers hand such a baton to a member (`/relay nominate`, the dashboard's button through
 * the worker), and a newcomer who joins picks a bot-held baton up by themself.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { RelayChain } from './relay-chain.model.js';
import { RelayLink, OPEN_LINK_STATUSES } from './relay-link.model.js';
import { DomainError, isDomainError } from '../errors.js';
import { addDays } from '../clock.js';
import { getGuildSettings } from '../kernel/guild-settings.service.js';
import { nominate, type NomineeFacts } from './relay.service.js';
import { toChainView, type RelayChainView, type RelayLinkView } from './relay-view.js';

/** A chain whose baton waits for someone to nominate the next person, and since when. */
export interface WaitingBaton {
  chain: RelayChainView;
  /** Since the baton came back or was taken (the chain's last activity). */
  waitingSince: Date;
  /** True when the bot holds it (nobody will pass it unless an organiser or a newcomer does). */
  withBot: boolean;
}

const WAITING = { $or: [{ batonWithBot: true }, { batonHolderId: { $ne: null } }] };

/** Chains waiting for a nomination, bot-held first, then the longest waiting. */
export async function waitingBatons(guildId: string, limit = 50): Promise<WaitingBaton[]> {
  const chains = await RelayChain.find({ guildId, ...WAITING })
    .sort({ batonWithBot: -1, lastActivityAt: 1 })
    .limit(limit)
    .lean();
  return chains.map((c) => ({
    chain: toChainView(c),
    waitingSince: c.lastActivityAt,
    withBot: c.batonWithBot === true,
  }));
}

/** The chain of `guildId` numbered `number`; @throws DomainError NOT_FOUND. */
async function chainByNumber(guildId: string, number: number): Promise<RelayChainView> {
  const chain = await RelayChain.findOne({ guildId, number }).lean();
  if (!chain) throw new DomainError('NOT_FOUND', 'connect.relay.error.chainNotFound');
  return toChainView(chain);
}

/**
 * An organiser hands a waiting baton to `nominee`: the chain numbered `chainNumber`, or (none
 * given) the one the bot has held longest. A person's baton is taken only when named (chain
 * number or id) and only once they have kept it past the reminder time (`reminderDays`): the
 * chain records it as a break (`overridden`) and `overriddenHolderId` says whom to tell.
 * Refusals are the nomination's own (left, introduced, already nominated…), plus NOT_FOUND for
 * an unknown chain, CONFLICT when no baton waits or the holder still has time.
 */
export async function nominateForOrganiser(input: {
  guildId: string;
  chainNumber?: number | null;
  chainId?: string | null;
  nominee: NomineeFacts;
  now?: Date;
}): Promise<{ chain: RelayChainView; link: RelayLinkView; overriddenHolderId: string | null }> {
  const { guildId } = input;
  const now = input.now ?? new Date();
  let chainId = input.chainId ?? null;
  if (!chainId && input.chainNumber) chainId = (await chainByNumber(guildId, input.chainNumber)).chainId;
  if (!chainId) {
    // Unnamed, only a baton the bot holds: nobody's own baton is taken by default.
    const [first] = (await waitingBatons(guildId, 1)).filter((b) => b.withBot);
    if (!first)
      throw new DomainError(
        'CONFLICT',
        'connect.relay.error.noWaitingBaton',
        {},
        { reason: 'RELAY_NONE_WAITING' },
      );
    chainId = first.chain.chainId;
  }
  const holderId = await requireWaiting(guildId, chainId, now);
  const result = await nominate({
    guildId,
    // An organiser's explicit action: it may take a person's baton too (never an open nomination).
    by: { bot: true, chainId, override: true },
    nominee: input.nominee,
    now,
  });
  if (holderId) {
    await RelayChain.updateOne(
      { _id: new Types.ObjectId(chainId) },
      {
        $push: {
          breaks: { position: result.link.position, linkId: null, kind: 'overridden', at: now },
        },
      },
    );
  }
  return { ...result, overriddenHolderId: holderId };
}

/**
 * A chain an organiser nominates for must have a baton waiting (not an open nomination), and a
 * person holding it must have had `reminderDays` to pass it. Returns that person, or null.
 */
async function requireWaiting(guildId: string, chainId: string, now: Date): Promise<string | null> {
  if (!Types.ObjectId.isValid(chainId))
    throw new DomainError('NOT_FOUND', 'connect.relay.error.chainNotFound');
  const chain = await RelayChain.findOne({ _id: new Types.ObjectId(chainId), guildId }).lean();
  if (!chain) throw new DomainError('NOT_FOUND', 'connect.relay.error.chainNotFound');
  if (!chain.batonWithBot && !chain.batonHolderId)
    throw new DomainError(
      'CONFLICT',
      'connect.relay.error.chainBusy',
      { number: chain.number },
      { reason: 'RELAY_CHAIN_BUSY' },
    );
  if (chain.batonWithBot || !chain.batonHolderId) return null;
  const { relay } = await getGuildSettings(guildId);
  if (overrideAllowedFrom(chain.lastActivityAt, relay.reminderDays) > now)
    throw new DomainError(
      'CONFLICT',
      'connect.relay.error.holderHasTime',
      { number: chain.number, days: relay.reminderDays },
      { reason: 'RELAY_HOLDER_HAS_TIME' },
    );
  return chain.batonHolderId;
}

/** When an organiser may hand on a person's baton: `reminderDays` after it came to them. */
export function overrideAllowedFrom(lastActivityAt: Date, reminderDays: number): Date {
  return addDays(lastActivityAt, reminderDays);
}

/**
 * A member just joined: when a baton is held by the bot, the newcomer is nominated for the one
 * that waited longest. Returns null when nothing waits or the newcomer may not be nominated
 * (introduced before, already nominated, a bot).
 */
export async function handWaitingBatonToNewcomer(input: {
  guildId: string;
  userId: string;
  isBot: boolean;
  now?: Date;
}): Promise<{ chain: RelayChainView; link: RelayLinkView } | null> {
  if (input.isBot) return null;
  const chains = await RelayChain.find({ guildId: input.guildId, batonWithBot: true })
    .sort({ lastActivityAt: 1 })
    .limit(5)
    .lean();
  for (const chain of chains) {
    try {
      return await nominate({
        guildId: input.guildId,
        by: { bot: true, chainId: String(chain._id) },
        nominee: { userId: input.userId, isBot: false, isMember: true, justJoined: true },
        ...(input.now ? { now: input.now } : {}),
      });
    } catch (error) {
      // Another worker or handler took this baton a moment ago: try the next one.
      if (isDomainError(error) && error.code === 'RELAY_NOT_HOLDER') continue;
      if (isDomainError(error)) return null;
      throw error;
    }
  }
  return null;
}

/**
 * A queued request older than this is taken as lost (the worker was down or crashed while
 * carrying it out): a new request may replace it.
 */
export const NOMINATION_REQUEST_STALE_MS = 10 * 60_000;

/**
 * Records a dashboard request to nominate `nomineeId` for `chainId` (the worker settles it) and
 * returns its request id, which the job carries. While another request of the chain is queued
 * (a double click, a second organiser) a new one is refused: the page shows the queued one.
 * @throws DomainError NOT_FOUND (no such chain in the guild), CONFLICT (one is queued).
 */
export async function requestOrganiserNomination(input: {
  guildId: string;
  chainId: string;
  nomineeId: string;
  now?: Date;
}): Promise<{ chain: RelayChainView; requestId: string }> {
  if (!Types.ObjectId.isValid(input.chainId))
    throw new DomainError('NOT_FOUND', 'connect.relay.error.chainNotFound');
  const now = input.now ?? new Date();
  const requestId = randomUUID();
  const _id = new Types.ObjectId(input.chainId);
  const chain = await RelayChain.findOneAndUpdate(
    {
      _id,
      guildId: input.guildId,
      $or: [
        { 'nominationRequest.status': { $ne: 'queued' } },
        { 'nominationRequest.requestedAt': { $lt: new Date(now.getTime() - NOMINATION_REQUEST_STALE_MS) } },
      ],
    },
    {
      $set: {
        nominationRequest: {
          requestId,
          nomineeId: input.nomineeId,
          status: 'queued',
          reasonKey: null,
          reasonVars: null,
          claimedAt: null,
          requestedAt: now,
          settledAt: null,
        },
      },
    },
    { returnDocument: 'after' },
  ).lean();
  if (chain) return { chain: toChainView(chain), requestId };
  if (await RelayChain.exists({ _id, guildId: input.guildId }))
    throw new DomainError('CONFLICT', 'web.relay.nominate.pending', {}, { reason: 'RELAY_REQUEST_QUEUED' });
  throw new DomainError('NOT_FOUND', 'connect.relay.error.chainNotFound');
}

/**
 * The worker takes the request `requestId` of a chain to carry it out: true once, for the job
 * of the request still queued; false for a re-run, a duplicate job or an older request (no-op).
 */
export async function claimOrganiserNomination(input: {
  chainId: string;
  requestId: string;
  now?: Date;
}): Promise<boolean> {
  if (!Types.ObjectId.isValid(input.chainId)) return false;
  const claimed = await RelayChain.findOneAndUpdate(
    {
      _id: new Types.ObjectId(input.chainId),
      'nominationRequest.requestId': input.requestId,
      'nominationRequest.status': 'queued',
      'nominationRequest.claimedAt': null,
    },
    { $set: { 'nominationRequest.claimedAt': input.now ?? new Date() } },
    { returnDocument: 'after' },
  ).lean();
  return claimed !== null;
}

/**
 * Writes the worker's outcome of a dashboard nomination into the chain (the page shows it), only
 * while that request is the chain's queued one: a later request is never overwritten.
 */
export async function settleOrganiserNomination(input: {
  chainId: string;
  requestId: string;
  status: 'done' | 'refused';
  reasonKey?: string | null;
  reasonVars?: Record<string, string | number> | null;
  now?: Date;
}): Promise<void> {
  if (!Types.ObjectId.isValid(input.chainId)) return;
  await RelayChain.updateOne(
    {
      _id: new Types.ObjectId(input.chainId),
      'nominationRequest.requestId': input.requestId,
      'nominationRequest.status': 'queued',
    },
    {
      $set: {
        'nominationRequest.status': input.status,
        'nominationRequest.reasonKey': input.reasonKey ?? null,
        'nominationRequest.reasonVars': input.reasonVars ?? null,
        'nominationRequest.settledAt': input.now ?? new Date(),
      },
    },
  );
}

/**
 * Why a former holder's old prompt no longer works: the chain they nominated for has moved on
 * (a late introducer took the baton back, or a new nomination is open). Returns that chain, or
 * null when the user never nominated in a chain that is still going.
 */
export async function batonMovedOn(guildId: string, userId: string): Promise<RelayChainView | null> {
  const last = await RelayLink.findOne({ guildId, fromUserId: userId }).sort({ nominatedAt: -1 }).lean();
  if (!last) return null;
  const chain = await RelayChain.findById(last.chainId).lean();
  if (!chain || chain.batonHolderId === userId) return null;
  const open = await RelayLink.exists({ chainId: chain._id, status: { $in: OPEN_LINK_STATUSES } });
  return open || chain.batonHolderId ? toChainView(chain) : null;
}

/** The worker job the dashboard enqueues to nominate for a chain (bot/know/flows/relay-nominate-job.ts). */
export const RELAY_NOMINATE_JOB = 'relay.nominate';

export interface RelayNominateJobData {
  guildId: string;
  chainId: string;
  nomineeId: string;
  /** The request this job carries out (requestOrganiserNomination); a job without one does nothing. */
  requestId: string;
}
