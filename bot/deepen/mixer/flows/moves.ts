/**
 * Member moves through the guild's one move queue (shared/deepen/mixer/move-pacer.ts). Only
 * members connected to voice can be moved (400 40032): they are told where their room is by DM,
 * or in the lobby's text chat when DMs are closed. A move that does not happen for another reason
 * (the queue's invalid-request budget spent, Discord failing) ends the same way: the member gets
 * a link to their channel. A 403 stops the transition (retrying would only burn invalid requests).
 * A move whose answer was lost (timeout, abort) is settled by the member's voice state first, and
 * who is still out of place is stored (`moves.unmoved`) for the control message and the status.
 *
 * Rate limits: discord.js would wait out a 429 (or an empty bucket) inside its REST queue and
 * retry for ever, so the move queue would never see them. For member edits only, the client's
 * REST is told to reject instead (`rejectOnRateLimit`): the queue gets a RateLimitError with the
 * wait, and every answer's X-RateLimit-* headers (the REST `response` event), so it paces itself
 * from the bucket, honours Retry-After, and counts the 429s Discord counts towards its IP ban
 * (discord-api-docs, topics/rate-limits "Invalid Request Limit": 401/403/429 except
 * `X-RateLimit-Scope: shared`, 10,000 per 10 minutes).
 */
import {
  DiscordAPIError,
  RateLimitError,
  RESTEvents,
  Routes,
  type APIRequest,
  type Guild,
  type RateLimitData,
  type REST,
  type ResponseLike,
} from 'discord.js';
import {
  InvalidBudgetReached,
  type BucketReading,
  type MoveOutcome,
} from '../../../../shared/deepen/mixer/move-pacer.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { BotContext } from '../../../context.js';
import { discordCode, isMissingPermission, isUnknownMember } from '../../../core/discord-errors.js';
import { secondsLeft } from '../../../../shared/deepen/mixer/transition-estimate.js';

export interface MoveOrder {
  userId: string;
  channelId: string;
}

/** The transition stopped: the bot may not move members (named to the organiser). */
export class MovesRefused extends Error {
  constructor() {
    super('deepen.mixer.error.missingMoveMembers');
  }
}

/** Where a member is in voice, from the gateway's voice states (null: not connected). */
export function voiceChannelOf(guild: Guild, userId: string): string | null {
  return guild.voiceStates.cache.get(userId)?.channelId ?? null;
}

/** discord.js's bucket route for member edits: every move of a guild shares it. */
const MEMBER_ROUTE = '/guilds/:id/members/:id';
/** Where a REST client keeps the mixer's hook-up (installed once per client, see moveRest). */
const MOVE_REST = Symbol('tsunagu.mixer.moveRest');

type RejectOption = REST['options']['rejectOnRateLimit'];
type Answer = { status: number; headers: ResponseLike['headers'] };
/** The hook-up: the last answer per member path, and the paths the move queue has in flight. */
type MoveHook = { answers: Map<string, Answer>; moving: Set<string> };
type HookedRest = REST & { [MOVE_REST]?: MoveHook };

const isMemberEdit = (method: string, route: string) =>
  method.toUpperCase() === 'PATCH' && route === MEMBER_ROUTE;

/** What the client would have decided for a rate limit before the mixer's filter (kept). */
async function priorRejects(prior: RejectOption, data: RateLimitData): Promise<boolean> {
  if (!prior) return false;
  if (typeof prior === 'function') return prior(data);
  return prior.some((route) => data.route.startsWith(route.toLowerCase()));
}

/**
 * Hooks the mixer's moves into the client's REST, once per client, and returns the last answer
 * per member path and the set of paths being moved:
 * - rate limits on the queue's own member edits (PATCH /guilds/{g}/members/{u} while that path is
 *   in `moving`) reject with a RateLimitError instead of being waited out inside discord.js, so the
 *   move queue decides. Other edits of members on the same route (the welcome's role grants) keep
 *   discord.js's waiting; a filter already set keeps applying to the other routes;
 * - one `response` listener keeps each member edit's status and headers (discord.js emits it for
 *   every answer, 429s included, before it decides to reject); one listener for all guilds, so
 *   many guilds moving at once do not pile up listeners.
 */
function moveRest(rest: REST): MoveHook {
  const hooked = rest as HookedRest;
  const existing = hooked[MOVE_REST];
  if (existing) return existing;
  const hook: MoveHook = { answers: new Map(), moving: new Set() };
  hooked[MOVE_REST] = hook;
  const prior = rest.options.rejectOnRateLimit;
  const queued = (data: RateLimitData) =>
    isMemberEdit(data.method, data.route) &&
    hook.moving.has(new URL(data.url).pathname.replace(/^\/api\/v\d+/, ''));
  rest.options.rejectOnRateLimit = async (data: RateLimitData) => queued(data) || priorRejects(prior, data);
  rest.on(RESTEvents.Response, (request: APIRequest, response: ResponseLike) => {
    const path = String(request.path);
    if (isMemberEdit(request.method, request.route) && hook.moving.has(path))
      hook.answers.set(path, { status: response.status, headers: response.headers });
  });
  return hook;
}

/** The bucket's state from Discord's headers (docs, topics/rate-limits "Header Format"). */
function bucketReading(headers: ResponseLike['headers'] | undefined): BucketReading | undefined {
  const remaining = headers?.get('x-ratelimit-remaining');
  const resetAfter = headers?.get('x-ratelimit-reset-after');
  if (remaining == null || resetAfter == null) return undefined;
  return { remaining: Number(remaining), resetAfterMs: Number(resetAfter) * 1000 };
}

/**
 * One PATCH of a member's channel, with the answer Discord gave it. The queue runs one move per
 * guild at a time, so the member's path names this attempt's answer.
 */
async function attemptMove(guild: Guild, order: MoveOrder): Promise<MoveOutcome> {
  const { answers, moving } = moveRest(guild.client.rest);
  const path = Routes.guildMember(guild.id, order.userId);
  answers.delete(path);
  moving.add(path);
  try {
    await guild.members.edit(order.userId, { channel: order.channelId });
    return { kind: 'done', ...withBucket(bucketReading(answers.get(path)?.headers)) };
  } catch (error) {
    if (error instanceof RateLimitError) {
      // Not served: discord.js held the request back on an empty bucket (no request, not invalid).
      const answer = answers.get(path);
      const served = answer?.status === 429;
      const scope = answer?.headers.get('x-ratelimit-scope') ?? error.scope;
      return {
        kind: 'rateLimited',
        retryAfterMs: error.retryAfter,
        served,
        invalid: served && scope !== 'shared',
      };
    }
    if (error instanceof DiscordAPIError && error.status === 429)
      return { kind: 'rateLimited', retryAfterMs: 1000, served: true, invalid: true };
    const status = error instanceof DiscordAPIError ? error.status : 0;
    return { kind: 'failed', invalid: status === 401 || status === 403, error };
  } finally {
    moving.delete(path);
    answers.delete(path);
  }
}

const withBucket = (bucket: BucketReading | undefined) => (bucket ? { bucket } : {});

/** Why a member was not moved: not connected to voice (40032), or the move itself did not happen. */
type Unmoved = 'notInVoice' | 'dropped';

const channelLink = (guildId: string, channelId: string) =>
  `https://discord.com/channels/${guildId}/${channelId}`;

/** The line a member who was not moved gets: where to go, with a link to join by themselves. */
function unmovedText(guild: Guild, run: MixerRunView, order: MoveOrder, why: Unmoved): string {
  const tr = translator(run.locale as Locale);
  const link = channelLink(guild.id, order.channelId);
  if (why === 'notInVoice')
    return tr('deepen.mixer.move.notInVoice', { room: `<#${order.channelId}>`, link });
  return order.channelId === run.lobbyChannelId
    ? tr('deepen.mixer.move.droppedBack', { lobby: `<#${order.channelId}>`, link })
    : tr('deepen.mixer.move.dropped', { room: `<#${order.channelId}>`, link });
}

/** Discord's cap on a message's content (discord-api-docs, resources/message "Create Message"). */
const MESSAGE_MAX = 2000;

/**
 * Tells the members a step of moves could not move where to go: each at most once per step (the
 * run's `moves.notified`, reset for every round and for the way back), the name stored before the
 * DM is sent. When DMs are closed they are mentioned in the text chat of the voice channel they
 * are in (the lobby when not in voice), gathered into one message per channel at `flush`: a budget
 * stop that drops a whole round's moves must not post one message per person into one chat.
 */
export function unmovedTeller(ctx: BotContext, guild: Guild, run: MixerRunView) {
  const svc = ctx.services.mixer;
  /** Who was told this step, as stored when the first one is told (the snapshot `run` may be older). */
  let told: Promise<Set<string>> | null = null;
  const mentions = new Map<string, { userId: string; text: string }[]>();
  const chatOf = (userId: string, why: Unmoved) => {
    const at = why === 'dropped' ? voiceChannelOf(guild, userId) : null;
    return at !== null && (at === run.lobbyChannelId || run.rooms.includes(at)) ? at : run.lobbyChannelId;
  };
  return {
    async tell(order: MoveOrder, why: Unmoved): Promise<void> {
      told ??= svc.runs
        .getRun(run.runId)
        .then((latest) => new Set(latest.moves.notified))
        .catch(() => new Set(run.moves.notified));
      const already = await told;
      if (already.has(order.userId)) return;
      already.add(order.userId);
      if (!(await svc.runs.markNotified(run.runId, order.userId, svc.workerId, ctx.services.clock.now())))
        return;
      const text = unmovedText(guild, run, order, why);
      try {
        const user = await guild.client.users.fetch(order.userId);
        await user.send({ content: text });
      } catch {
        const chat = chatOf(order.userId, why);
        mentions.set(chat, [...(mentions.get(chat) ?? []), { userId: order.userId, text }]);
      }
    },
    /** Posts the gathered mentions, one message per channel (split at Discord's length cap). */
    async flush(): Promise<void> {
      for (const [channelId, lines] of mentions) {
        mentions.delete(channelId);
        const channel = guild.channels.cache.get(channelId);
        if (!channel?.isSendable()) continue;
        for (const chunk of chunked(lines)) {
          await channel
            .send({
              content: chunk.map((l) => `<@${l.userId}> ${l.text}`).join('\n'),
              allowedMentions: { users: chunk.map((l) => l.userId) },
            })
            .catch(() => undefined);
        }
      }
    },
  };
}

/** Lines grouped into messages under Discord's length cap (and its 100 user mentions). */
function chunked(lines: { userId: string; text: string }[]): { userId: string; text: string }[][] {
  const chunks: { userId: string; text: string }[][] = [];
  let current: { userId: string; text: string }[] = [];
  let length = 0;
  for (const line of lines) {
    // "<@id> " before the text, a newline after it.
    const size = line.userId.length + 5 + line.text.length;
    if (current.length > 0 && (length + size > MESSAGE_MAX || current.length >= 100)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(line);
    length += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Tells each of `orders`' members that they were not moved and where to go (see unmovedTeller). */
export async function tellUnmoved(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  orders: readonly MoveOrder[],
): Promise<void> {
  const teller = unmovedTeller(ctx, guild, run);
  for (const order of orders) await teller.tell(order, 'dropped');
  await teller.flush();
}

/** How long a move whose outcome is unknown waits for the gateway to show the member in place. */
export const UNKNOWN_OUTCOME_WAIT_MS = 1500;

/**
 * Whether a failed move may still have happened: a timeout, an abort or a network error says
 * nothing of whether Discord applied the PATCH. Discord's answers (DiscordAPIError, a 429) and
 * the queue's own decisions (budget, not in voice, cut short) are known not to have moved anyone.
 */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof DiscordAPIError || error instanceof RateLimitError) return false;
  if (error instanceof MovesRefused || error instanceof InvalidBudgetReached) return false;
  return (error as { code?: unknown } | null)?.code !== 40032;
}

/**
 * Whether `userId` is (or shortly shows up) in `channelId`: Discord applies a member's move before
 * it answers and sends the VOICE_STATE_UPDATE on its own (discord-api-docs, resources/guild
 * "Modify Guild Member", topics/gateway-events "Voice State Update"), so a lost answer is settled
 * by the voice state, waited for a moment.
 */
async function arrives(guild: Guild, userId: string, channelId: string): Promise<boolean> {
  if (voiceChannelOf(guild, userId) === channelId) return true;
  const client = guild.client;
  return new Promise<boolean>((resolve) => {
    const listener = (
      _old: unknown,
      now: { id: string; guild: { id: string }; channelId: string | null },
    ) => {
      if (now.guild.id === guild.id && now.id === userId && now.channelId === channelId) finish(true);
    };
    const timer = setTimeout(
      () => finish(voiceChannelOf(guild, userId) === channelId),
      UNKNOWN_OUTCOME_WAIT_MS,
    );
    function finish(inPlace: boolean) {
      clearTimeout(timer);
      client.off('voiceStateUpdate', listener);
      resolve(inPlace);
    }
    client.on('voiceStateUpdate', listener);
  });
}

/**
 * What a failed move means for the member: told where to go (not in voice, or a move that did not
 * happen: the invalid-request budget spent, Discord failing), or nothing to tell (the bot lacks
 * Move Members and the organiser is told; the step was cut short; the member left the guild).
 */
function unmovedWhy(error: unknown): Unmoved | null {
  const code = discordCode(error) ?? (error as { code?: number }).code;
  if (code === 40032) return 'notInVoice';
  if (error instanceof MovesRefused || isMissingPermission(error) || isUnknownMember(error)) return null;
  return 'dropped';
}

/**
 * Runs the moves one after another through the guild's queue, counting each in the run and
 * calling `progress(done, total, secondsLeft, unmoved)` as they complete (`unmoved`: those of
 * `done` that did not end in their target). Resolves with the members now in their target
 * channel. `shouldStop` is asked before each move (an end request cuts a long transition short; a
 * request Discord already has cannot be called back). Every member whose move did not happen is
 * told where to go and how to get there (unmovedTeller), unless `tell` is off: the way back
 * tries again and tells whoever is left at the end.
 * @throws MovesRefused when Discord refuses the bot Move Members
 */
export async function runMoves(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  orders: readonly MoveOrder[],
  progress: (done: number, total: number, left: number, unmoved: number) => Promise<void> | void = () =>
    undefined,
  shouldStop: () => Promise<boolean> = async () => false,
  options: { tell?: boolean } = {},
): Promise<Set<string>> {
  const svc = ctx.services.mixer;
  const teller = unmovedTeller(ctx, guild, run);
  /** This step's members out of place as stored (a move that places one takes them out). */
  const outOfPlace = new Set(run.moves.unmoved ?? []);
  const markUnmoved = async (userId: string, unmovedNow: boolean) => {
    if (outOfPlace.has(userId) === unmovedNow) return;
    if (unmovedNow) outOfPlace.add(userId);
    else outOfPlace.delete(userId);
    await svc.runs.markUnmoved(run.runId, userId, unmovedNow, svc.workerId, ctx.services.clock.now());
  };
  const started = Date.now();
  let done = 0;
  let unmoved = 0;
  let refused = false;
  /** Members Discord confirmed in their target (the gateway's voice state may lag behind). */
  const placed = new Set<string>();
  /** A progress callback failed (e.g. the lease was lost): the remaining moves are not sent. */
  let halted: unknown = null;
  const outcomes = orders.map((order) =>
    svc.moves
      .run(guild.id, async () => {
        if (refused || halted || (await shouldStop()))
          return { kind: 'failed', invalid: false, error: new MovesRefused() } as MoveOutcome;
        if (voiceChannelOf(guild, order.userId) === order.channelId) return { kind: 'done' } as MoveOutcome;
        if (voiceChannelOf(guild, order.userId) === null)
          return {
            kind: 'failed',
            invalid: false,
            error: Object.assign(new Error('not in voice'), { code: 40032 }),
          } as MoveOutcome;
        return attemptMove(guild, order);
      })
      .then(async (answered) => {
        // A lost answer (timeout, abort) may hide a move Discord made: the voice state says. A
        // move the queue dropped for the budget needed none when the member is already in place.
        const outcome: MoveOutcome =
          answered.kind === 'failed' &&
          ((outcomeUnknown(answered.error) && (await arrives(guild, order.userId, order.channelId))) ||
            (answered.error instanceof InvalidBudgetReached &&
              voiceChannelOf(guild, order.userId) === order.channelId))
            ? { kind: 'done' }
            : answered;
        if (outcome.kind === 'done') {
          placed.add(order.userId);
          await markUnmoved(order.userId, false);
        }
        if (outcome.kind === 'failed') {
          if (isMissingPermission(outcome.error)) refused = true;
          else if (outcome.error instanceof InvalidBudgetReached)
            ctx.logger.error(
              { guildId: guild.id, userId: order.userId, pacer: svc.moves.stats() },
              'mixer move dropped: the moves spent their invalid-request budget',
            );
          else if (!(outcome.error instanceof MovesRefused) && unmovedWhy(outcome.error) !== 'notInVoice')
            ctx.logger.warn(
              { err: outcome.error, guildId: guild.id, userId: order.userId },
              'mixer move failed',
            );
          const why = unmovedWhy(outcome.error);
          // Stored and told before the move counts: progress never runs ahead of either.
          if (why) await markUnmoved(order.userId, true);
          if (why && options.tell !== false) await teller.tell(order, why);
        }
        // A move cut short (lease lost, end asked, Move Members refused) was never sent: not counted.
        if (outcome.kind === 'failed' && outcome.error instanceof MovesRefused) return;
        done += 1;
        if (outcome.kind === 'failed') unmoved += 1;
        await svc.runs.countMove(run.runId, svc.workerId, ctx.services.clock.now());
        if (!halted)
          await Promise.resolve(
            progress(done, orders.length, secondsLeft(done, orders.length, Date.now() - started), unmoved),
          ).catch((error: unknown) => {
            halted = error;
          });
      }),
  );
  await Promise.all(outcomes);
  await teller.flush();
  if (halted) throw halted;
  if (refused) throw new MovesRefused();
  return placed;
}
