/**
 * People arriving and leaving mid-mixer, decided from where a voice change goes:
 * - into the lobby or a room from outside the mixer: a newcomer (or someone who left earlier and
 *   comes back) is seated in the best-fitting group that is not full and moved to its room;
 * - out of the lobby or a room to nowhere (disconnected) or to a channel outside the mixer: the
 *   participant leaves, their group rebalanced when it falls below 3;
 * - a participant who was not in voice when the bot moved them (40032: they got a link) and
 *   connects into the lobby or a room is moved into their group's room; connecting elsewhere
 *   moves nobody.
 * Moves the bot makes between the lobby and the rooms change nothing here.
 */
import type { Guild } from 'discord.js';
import type { GroupMove } from '../../../../shared/deepen/grouping/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import { childLogger } from '../../../../shared/logger.js';
import type { BotContext } from '../../../context.js';
import { mixerIndexOf } from './channel-index.js';
import { runMoves, voiceChannelOf, type MoveOrder } from './moves.js';
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

/** The room of `userId`'s group in the round in progress (null: not grouped, or no room yet). */
export function roomOfMember(run: MixerRunView, userId: string): string | null {
  const r = run.state.currentRound;
  const g = (run.state.rounds[r] ?? []).findIndex((group) => group.includes(userId));
  if (g < 0) return null;
  const room = run.roomOfGroup[r]?.[g];
  return room === undefined ? null : (run.rooms[room] ?? null);
}

/** Runs a membership change after the run's other steps (one serial queue per run), logged on failure. */
async function withRun(ctx: BotContext, runId: string, task: () => Promise<void>): Promise<void> {
  await ctx.services.mixer.serial
    .run(runId, task)
    .catch((error: unknown) =>
      childLogger(ctx.logger, { runId }).error({ err: error }, 'mixer membership change failed'),
    );
}

/** The run as stored now, the index told (null: over or gone, and forgotten by the index). */
async function latest(ctx: BotContext, run: MixerRunView): Promise<MixerRunView | null> {
  const now = await ctx.services.mixer.runs.getRun(run.runId).catch(() => null);
  const index = mixerIndexOf(ctx);
  if (!now) index.drop(run.guildId, run.runId);
  else index.track(now);
  return now;
}

function isParticipant(run: MixerRunView, userId: string): boolean {
  return run.state.participants.some((p) => p.id === userId);
}

/** Where a voice change of `userId` goes, for one running mixer (see the module comment). */
export async function onVoiceChange(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  userId: string,
  from: string | null,
  to: string | null,
): Promise<void> {
  const inMixer = (id: string | null) => id !== null && (id === run.lobbyChannelId || run.rooms.includes(id));
  if (inMixer(from) && !inMixer(to)) await onParticipantGone(ctx, guild, run, userId);
  else if (!inMixer(from) && inMixer(to)) {
    if (isParticipant(run, userId)) await placeInRoom(ctx, guild, run, userId);
    else await onLobbyJoin(ctx, guild, run, userId);
  }
  // Connecting to any other channel moves nobody: people there are not in the mixer (someone
  // who left it on purpose is not pulled back; the driver's reconcile drops stale seats).
}

/** Someone entered a lobby (or one of its rooms) with a running mixer: seated in a group. */
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
    mixerIndexOf(ctx).track(added.run);
    await openRoomsTo(guild, added.run, userId);
    if (added.run.phase === 'talking')
      await runMoves(ctx, guild, added.run, ordersFor(added.run, [added.move]));
  });
}

/**
 * A participant in voice but not in their group's room (they connected after the moves, or came
 * back to another room): moved there while the round is talking. During a transition the
 * driver's step runs first (same queue), so the round read here is the one in progress.
 */
async function placeInRoom(ctx: BotContext, guild: Guild, run: MixerRunView, userId: string): Promise<void> {
  await withRun(ctx, run.runId, async () => {
    const current = await latest(ctx, run);
    if (!current || current.status !== 'running' || current.phase !== 'talking') return;
    const room = roomOfMember(current, userId);
    const at = voiceChannelOf(guild, userId);
    if (room === null || at === null || at === room) return;
    await runMoves(ctx, guild, current, [{ userId, channelId: room }]);
  });
}

/** A participant disconnected from voice, walked out of the mixer's channels, or left the guild. */
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
    if (!removed) return;
    mixerIndexOf(ctx).track(removed.run);
    if (removed.run.phase !== 'talking') return;
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

/**
 * The running mixers a voice change concerns, read from the database only when the in-memory
 * index says it touches one (its lobby or rooms, or a participant connecting).
 */
export async function runsConcerned(
  ctx: BotContext,
  guildId: string,
  userId: string,
  from: string | null,
  to: string | null,
): Promise<MixerRunView[]> {
  const index = mixerIndexOf(ctx);
  const ids = await index.concerned(guildId, userId, from, to);
  return readRunning(ctx, guildId, ids);
}

/** The running mixers of a guild (a member who left the guild may be in any of them). */
export async function runsOfGuild(ctx: BotContext, guildId: string): Promise<MixerRunView[]> {
  return readRunning(ctx, guildId, await mixerIndexOf(ctx).runIds(guildId));
}

async function readRunning(
  ctx: BotContext,
  guildId: string,
  ids: readonly string[],
): Promise<MixerRunView[]> {
  const index = mixerIndexOf(ctx);
  const runs: MixerRunView[] = [];
  for (const runId of ids) {
    const run = await ctx.services.mixer.runs.getRun(runId).catch(() => null);
    if (!run || run.status !== 'running') {
      index.drop(guildId, runId);
      continue;
    }
    index.track(run);
    runs.push(run);
  }
  return runs;
}
