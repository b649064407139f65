/**
 * People arriving and leaving mid-mixer: a newcomer in the lobby is seated in the best-fitting
 * group that is not full and moved to its room; a participant who disconnects is taken out and
 * their group rebalanced when it falls below 3 (one person moves in, or the group is spread).
 */
import type { Client, Guild } from 'discord.js';
import type { GroupMove } from '../../../../shared/deepen/grouping/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import { childLogger } from '../../../../shared/logger.js';
import type { BotContext } from '../../../context.js';
import { runMoves, type MoveOrder } from './moves.js';
import { openRoomsTo } from './rooms.js';

const LIVE = new Set(['setup', 'moving', 'talking']);

function ordersFor(run: MixerRunView, moves: readonly GroupMove[]): MoveOrder[] {
  const r = run.state.currentRound;
  const rooms = run.roomOfGroup[r] ?? [];
  const used = new Set(rooms);
  return moves.flatMap((m) => {
    if (m.to === null) return [];
    // A group the round did not have before gets the first room without a group.
    let room = rooms[m.to];
    if (room === undefined) room = run.rooms.findIndex((_, i) => !used.has(i));
    const channelId = run.rooms[room] ?? null;
    return channelId ? [{ userId: m.id, channelId }] : [];
  });
}

async function withRun(ctx: BotContext, runId: string, task: () => Promise<void>): Promise<void> {
  await ctx.services.mixer.serial
    .run(runId, task)
    .catch((error: unknown) =>
      childLogger(ctx.logger, { runId }).error({ err: error }, 'mixer membership change failed'),
    );
}

/** Someone entered a lobby with a running mixer. */
export async function onLobbyJoin(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  userId: string,
): Promise<void> {
  if (!LIVE.has(run.phase) || userId === run.organiserId || run.facilitators.includes(userId)) return;
  await withRun(ctx, run.runId, async () => {
    const added = await ctx.services.mixer.runs.addJoiner(run.runId, userId);
    if (!added) return;
    await openRoomsTo(guild, added.run, userId);
    if (added.run.phase === 'talking')
      await runMoves(ctx, guild, added.run, ordersFor(added.run, [added.move]));
  });
}

/** A participant disconnected from voice or left the guild. */
export async function onParticipantGone(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  userId: string,
): Promise<void> {
  if (userId === run.organiserId) await organiserLeft(guild, run);
  if (!LIVE.has(run.phase)) return;
  await withRun(ctx, run.runId, async () => {
    const removed = await ctx.services.mixer.runs.removeParticipant(run.runId, userId);
    if (!removed || removed.run.phase !== 'talking') return;
    await runMoves(ctx, guild, removed.run, ordersFor(removed.run, removed.moves.slice(1)));
  });
}

async function organiserLeft(guild: Guild, run: MixerRunView): Promise<void> {
  const channel = guild.channels.cache.get(run.controlChannelId ?? run.lobbyChannelId);
  if (channel?.isSendable())
    await channel
      .send({
        content: translator(run.locale as Locale)('deepen.mixer.organiserLeft'),
        allowedMentions: { parse: [] },
      })
      .catch(() => undefined);
}

/** The runs of a guild a voice change may concern (running only). */
export async function runsOf(ctx: BotContext, client: Client, guildId: string): Promise<MixerRunView[]> {
  if (!client.guilds.cache.has(guildId)) return [];
  return ctx.services.mixer.runs.runningRuns(guildId);
}
