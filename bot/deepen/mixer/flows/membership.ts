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
import { drive, keepLease } from './driver.js';
import { LeaseLost } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { runMoves, voiceChannelOf, type MoveOrder } from './moves.js';
import { scheduleResume } from './jobs.js';
import { openRoomsTo, tellRoomsFullOnce } from './room-role.js';

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

/**
 * Runs a membership change after the run's other steps in this process (one serial queue per
 * run) and under the run's lease, logged on failure. Several workers may receive a run's voice
 * changes (the gateway delivers them to the worker whose shard holds the guild, which need not be
 * the one driving), so a change is applied only by the lease holder: this worker takes the lease
 * when it is free (the driver idles between steps, so that is the usual case while a round
 * talks) and its writes are fenced by it. While another worker holds it (a step in progress), the
 * change is not applied here: it is marked on the run (`driveWanted`) and the holder drives again
 * when it lets go; its reconcile reads the voice states, so nothing is lost and nothing applied
 * twice (joins and leaves are no-ops once stored). Marking before asking again closes the race
 * with a holder letting go meanwhile: either it sees the mark, or this worker gets the lease.
 * A holder that died keeps the lease until it runs out and takes no mark: a resume is saved for
 * just after its lease ends, so whoever takes it applies the change (the reconcile).
 *
 * Topology assumed (DESIGN.md: several workers; discord.js sharding is the scale-out path): the
 * worker receiving a guild's voice changes is one whose shard holds the guild, and it has the
 * guild in its cache. The driver may run on any worker (agenda jobs go to whichever takes them);
 * a worker without the guild does not use its drive up but hands it on (driver.ts handOn).
 */
async function withRun(
  ctx: BotContext,
  guild: Guild,
  runId: string,
  task: (leaseLost: () => boolean) => Promise<void>,
): Promise<void> {
  const svc = ctx.services.mixer;
  const log = childLogger(ctx.logger, { runId });
  const take = () => svc.runs.acquireLease(runId, svc.workerId, ctx.services.clock.now(), svc.lease.ms);
  let again = false;
  await svc.serial
    .run(runId, async () => {
      if (!(await take())) {
        await svc.runs.markDriveWanted(runId);
        if (!(await take())) {
          await resumeAfterLease(ctx, runId);
          return;
        }
      }
      const keeper = keepLease(ctx, runId);
      try {
        await task(keeper.lost);
      } catch (error) {
        if (!(error instanceof LeaseLost)) throw error;
        // Taken over meanwhile (this worker froze past the lease): the new holder applies it.
        await svc.runs.markDriveWanted(runId);
      } finally {
        await keeper.stop();
        again = await svc.runs.releaseLeaseAndTakeMark(runId, svc.workerId);
      }
    })
    .catch((error: unknown) => log.error({ err: error }, 'mixer membership change failed'));
  // Asked by another worker (or by a step that found this one holding the lease): a drive after
  // this change, whose reconcile applies what was asked.
  if (again) void drive(ctx, guild.client, runId);
}

/** A resume just after the current holder's lease runs out (unique per run: cheap to save again). */
async function resumeAfterLease(ctx: BotContext, runId: string): Promise<void> {
  const run = await ctx.services.mixer.runs.getRun(runId).catch(() => null);
  // Not live any more (returning, a grace to walk back): its own resume must not be moved earlier.
  if (!run || run.status !== 'running' || !LIVE.has(run.phase) || !run.lease.until) return;
  await scheduleResume(ctx.agenda, runId, new Date(run.lease.until.getTime() + 1000));
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
  await withRun(ctx, guild, run.runId, async (leaseLost) => {
    // Let in before being seated: rooms that cannot name anyone more leave them unseated, told why.
    const current = await latest(ctx, run);
    if (!current || current.status !== 'running') return;
    if ((await openRoomsTo(ctx, guild, current, userId)) === 'full') {
      childLogger(ctx.logger, { runId: run.runId, userId }).warn('mixer rooms full of overwrites');
      await tellRoomsFullOnce(ctx, guild, current, userId);
      return;
    }
    const added = await ctx.services.mixer.runs.addJoiner(run.runId, userId, ctx.services.mixer.workerId);
    if (!added) return;
    mixerIndexOf(ctx).track(added.run);
    if (added.run.phase === 'talking')
      await runMoves(ctx, guild, added.run, ordersFor(added.run, [added.move]), undefined, async () =>
        leaseLost(),
      );
  });
}

/**
 * A participant in voice but not in their group's room (they connected after the moves, or came
 * back to another room): moved there while the round is talking. During a transition the
 * driver's step runs first (same queue), so the round read here is the one in progress.
 */
async function placeInRoom(ctx: BotContext, guild: Guild, run: MixerRunView, userId: string): Promise<void> {
  await withRun(ctx, guild, run.runId, async (leaseLost) => {
    const current = await latest(ctx, run);
    if (!current || current.status !== 'running' || current.phase !== 'talking') return;
    const room = roomOfMember(current, userId);
    const at = voiceChannelOf(guild, userId);
    if (room === null || at === null || at === room) return;
    await runMoves(ctx, guild, current, [{ userId, channelId: room }], undefined, async () => leaseLost());
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
  await withRun(ctx, guild, run.runId, async (leaseLost) => {
    const svc = ctx.services.mixer;
    const removed = await svc.runs.removeParticipant(run.runId, userId, svc.workerId);
    if (!removed) return;
    mixerIndexOf(ctx).track(removed.run);
    if (removed.run.phase !== 'talking') return;
    await runMoves(
      ctx,
      guild,
      removed.run,
      ordersFor(removed.run, removed.moves.slice(1)),
      undefined,
      async () => leaseLost(),
    );
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
