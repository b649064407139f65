/**
 * Member moves through the guild's one move queue (shared/deepen/mixer/move-pacer.ts). Only
 * members connected to voice can be moved (400 40032): they are told where their room is by DM,
 * or in the lobby's text chat when DMs are closed. A 403 stops the transition (retrying would
 * only burn invalid requests); a 429 is retried after its Retry-After.
 */
import { DiscordAPIError, RateLimitError, type Guild } from 'discord.js';
import type { MoveOutcome } from '../../../../shared/deepen/mixer/move-pacer.js';
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

async function attemptMove(guild: Guild, order: MoveOrder): Promise<MoveOutcome> {
  try {
    await guild.members.edit(order.userId, { channel: order.channelId });
    return { kind: 'done' };
  } catch (error) {
    if (error instanceof RateLimitError) return { kind: 'rateLimited', retryAfterMs: error.retryAfter };
    if (error instanceof DiscordAPIError && error.status === 429)
      return { kind: 'rateLimited', retryAfterMs: 1000 };
    const status = error instanceof DiscordAPIError ? error.status : 0;
    return { kind: 'failed', invalid: status === 401 || status === 403, error };
  }
}

/** Tells a member who is not in voice where their room is (DM, else a mention in the lobby chat). */
export async function tellWhereToGo(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  order: MoveOrder,
): Promise<void> {
  if (run.moves.notified.includes(order.userId)) return;
  await ctx.services.mixer.runs.markNotified(run.runId, order.userId);
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
          else if (!(outcome.error instanceof MovesRefused))
            ctx.logger.warn(
              { err: outcome.error, guildId: guild.id, userId: order.userId },
              'mixer move failed',
            );
        }
        done += 1;
        await svc.runs.countMove(run.runId);
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
