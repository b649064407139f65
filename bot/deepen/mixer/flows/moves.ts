/**
 * Member moves through the guild's one move queue (shared/deepen/mixer/move-pacer.ts). Only
 * members connected to voice can be moved (400 40032): they are told where their room is by DM,
 * or in the lobby's text chat when DMs are closed. A 403 stops the transition (retrying would
 * only burn invalid requests).
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
import { discordCode, isMissingPermission } from '../../../core/discord-errors.js';
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

/** Tells a member who is not in voice where their room is (DM, else a mention in the lobby chat). */
export async function tellWhereToGo(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  order: MoveOrder,
): Promise<void> {
  if (run.moves.notified.includes(order.userId)) return;
  const svc = ctx.services.mixer;
  if (!(await svc.runs.markNotified(run.runId, order.userId, svc.workerId, ctx.services.clock.now()))) return;
  const tr = translator(run.locale as Locale);
  const link = `https://discord.com/channels/${guild.id}/${order.channelId}`;
  const text = tr('deepen.mixer.move.notInVoice', { room: `<#${order.channelId}>`, link });
  try {
    const user = await guild.client.users.fetch(order.userId);
    await user.send({ content: text });
  } catch {
    const lobby = guild.channels.cache.get(run.lobbyChannelId);
    if (lobby?.isSendable())
      await lobby
        .send({ content: `<@${order.userId}> ${text}`, allowedMentions: { users: [order.userId] } })
        .catch(() => undefined);
  }
}

/**
 * Runs the moves one after another through the guild's queue, counting each in the run and
 * calling `progress(done, total, secondsLeft)` as they complete. Resolves with the members now
 * in their target channel. `shouldStop` is asked before each move (an end request cuts a long
 * transition short; a request Discord already has cannot be called back).
 * @throws MovesRefused when Discord refuses the bot Move Members
 */
export async function runMoves(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  orders: readonly MoveOrder[],
  progress: (done: number, total: number, left: number) => Promise<void> | void = () => undefined,
  shouldStop: () => Promise<boolean> = async () => false,
): Promise<Set<string>> {
  const svc = ctx.services.mixer;
  const started = Date.now();
  let done = 0;
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
      .then(async (outcome) => {
        if (outcome.kind === 'done') placed.add(order.userId);
        if (outcome.kind === 'failed') {
          const code = discordCode(outcome.error) ?? (outcome.error as { code?: number }).code;
          if (code === 40032) await tellWhereToGo(ctx, guild, run, order);
          else if (isMissingPermission(outcome.error)) refused = true;
          else if (outcome.error instanceof InvalidBudgetReached)
            ctx.logger.error(
              { guildId: guild.id, userId: order.userId, pacer: svc.moves.stats() },
              'mixer move dropped: the moves spent their invalid-request budget',
            );
          else if (!(outcome.error instanceof MovesRefused))
            ctx.logger.warn(
              { err: outcome.error, guildId: guild.id, userId: order.userId },
              'mixer move failed',
            );
        }
        // A move cut short (lease lost, end asked, Move Members refused) was never sent: not counted.
        if (outcome.kind === 'failed' && outcome.error instanceof MovesRefused) return;
        done += 1;
        await svc.runs.countMove(run.runId, svc.workerId, ctx.services.clock.now());
        if (!halted)
          await Promise.resolve(
            progress(done, orders.length, secondsLeft(done, orders.length, Date.now() - started)),
          ).catch((error: unknown) => {
            halted = error;
          });
      }),
  );
  await Promise.all(outcomes);
  if (halted) throw halted;
  if (refused) throw new MovesRefused();
  return placed;
}
