/**
 * The mixer driver: a step machine over the stored MixerRun. Each step is stored before it is
 * done (phase, room of each group, moves counted, deadline), so any worker holding the lease can
 * pick the run up where the document says it is: setup → (moving → talking)×rounds → returning
 * → cleanup → done. Steps of one run never overlap in a process (serial queue) nor across
 * processes (the lease).
 */
import type { Client, Guild } from 'discord.js';
import { advanceRound } from '../../../../shared/deepen/grouping/index.js';
import { assignGroupsToRooms, movesForRound } from '../../../../shared/deepen/mixer/room-assignment.js';
import {
  LeaseLost,
  plannedEndAfterRound,
  plannedEndOf,
  StaleRun,
  stateOf,
  type MixerRunView,
} from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale, type MessageKey } from '../../../../shared/i18n/index.js';
import { childLogger } from '../../../../shared/logger.js';
import type { BotContext } from '../../../context.js';
import { scrubbedState } from '../../../../shared/deepen/mixer/mixer-run-view.js';
import {
  expectedFirstTransitionSeconds,
  expectedTransitionSeconds,
  roomAccessFor,
} from '../../../../shared/deepen/mixer/transition-estimate.js';
import { discordTime, progressLine } from '../presenters/control.presenter.js';
import { cancelJobs, scheduleResume, scheduleTicks, WARNING_MS } from './jobs.js';
import { MovesRefused, runMoves, tellUnmoved, voiceChannelOf, type MoveOrder } from './moves.js';
import { postInRooms, postRoundPrompts, refreshControl, warnRooms } from './posts.js';
import { deleteRooms, ensureRooms, roomPeople, RoomsRefused } from './rooms.js';
import { bodyOverwriteCap, openRoomsTo, roomAccessOf, tellRoomsFullOnce } from './room-role.js';
import { finishRun } from './finish.js';
import { mixerIndexOf } from './channel-index.js';

/**
 * Past the planned end by more than this, the bot was away (a crash, an outage): the mixer ends
 * and the control message says so. Also the slack a run still setting up or moving gets past it.
 */
const LATE_MS = 2 * 60_000;
/** A failed step is tried again after this long. */
const RETRY_MS = 15_000;
/** Edits of the control message while moving, at most one per this many ms (message edits are rate limited too). */
const PROGRESS_EDIT_MS = 2_000;
/** When the bot may no longer move people, they get this long to walk back before the rooms close. */
export const RETURN_GRACE_MS = 2 * 60_000;
/** Passes of moves back to the lobby before the rooms are deleted (a failed move is tried again). */
const RETURN_TRIES = 3;
/** Phases an end request cuts short (later phases are ending already). */
const ENDABLE = new Set(['setup', 'moving', 'talking']);
/** Phases in which people join and leave the groups (as the voice handler's). */
const LIVE_PHASES = ENDABLE;
/**
 * A drive that lands on a worker without the guild in its cache (its shard does not hold it) is
 * handed on as a resume this much later, so that another worker's agenda scan can take it...
 */
const ELSEWHERE_RETRY_MS = 10_000;
/** ...at most this many times in a row (about two minutes): no worker holds the guild any more. */
const ELSEWHERE_MAX_HOPS = 12;

/** What made the driver run now, besides "carry on". `early`: the organiser skipped ahead. */
export type DriveAction =
  { kind: 'end-round'; round: number; early?: boolean } | { kind: 'end' } | { kind: 'warn'; round: number };

/**
 * Runs the next steps of a run until it waits for a round to end (or is done). Never throws.
 * `hops`: how many workers in a row this drive already found without the guild (a resume's).
 */
export function drive(
  ctx: BotContext,
  client: Client,
  runId: string,
  action?: DriveAction,
  hops = 0,
): Promise<void> {
  const log = childLogger(ctx.logger, { runId });
  return ctx.services.mixer.serial
    .run(runId, () => steps(ctx, client, runId, action, hops))
    .catch(async (error: unknown) => {
      // A fault (Discord down, a bug): logged, and the run is tried again shortly from its stored step.
      log.error({ err: error }, 'mixer step failed; retrying in 15 s');
      const retryAt = new Date(ctx.services.clock.now().getTime() + RETRY_MS);
      await scheduleResume(ctx.agenda, runId, retryAt).catch(() => undefined);
    });
}

/** A step's write, fenced by this worker's lease (LeaseLost when another worker took over). */
function store(ctx: BotContext, runId: string, set: Record<string, unknown>): Promise<MixerRunView> {
  return ctx.services.mixer.runs.saveStep(runId, set, ctx.services.mixer.workerId);
}

async function steps(
  ctx: BotContext,
  client: Client,
  runId: string,
  action: DriveAction | undefined,
  hops: number,
): Promise<void> {
  const svc = ctx.services.mixer;
  const now = ctx.services.clock.now();
  const current = await svc.runs.getRun(runId).catch(() => null);
  // The voice handler's in-memory index learns of runs started (or taken over) here, and of ends.
  if (current) mixerIndexOf(ctx).track(current);
  if (!current || current.status !== 'running' || stopped(client)) return;
  const guild = client.guilds.cache.get(current.guildId);
  if (!guild) {
    await handOn(ctx, runId, now, hops);
    return;
  }
  // An unavailable guild (an outage) is picked up again by its GuildAvailable reconcile.
  if (!guild.available) return;
  let run = await svc.runs.acquireLease(runId, svc.workerId, now, svc.lease.ms);
  // A timer's or the organiser's action is not stored (a plain drive later would not do it): it
  // waits a moment for a lease held briefly, by another worker applying a voice change.
  if (!run && action) run = await waitForLease(ctx, runId);
  if (!run) {
    // Another worker drives it (or handles a voice change, membership.ts): it drives again when it
    // lets go (the mark, taken with each release), and the mark is set before asking once more,
    // so a holder that let go meanwhile is not missed either.
    await svc.runs.markDriveWanted(runId);
    run = await svc.runs.acquireLease(runId, svc.workerId, now, svc.lease.ms);
  }
  if (!run) {
    // A holder that died keeps the lease until it runs out: try again then. An end request is
    // stored on the run (endRequested), so it is not lost meanwhile.
    const until = current.lease.until ?? now;
    await scheduleResume(ctx.agenda, runId, new Date(until.getTime() + 1000));
    return;
  }
  const keeper = keepLease(ctx, runId);
  let wanted: boolean;
  try {
    run = await reconcileMembers(ctx, guild, run);
    run = await applyAction(ctx, guild, run, action);
    for (let guard = 0; guard < 20 && run.status === 'running' && !stopped(client); guard++) {
      if (run.endRequested && ENDABLE.has(run.phase)) {
        run = await endNow(ctx, guild, run);
        if (run.status !== 'running') break;
      }
      const overdue = overdueEnd(ctx, run, ctx.services.clock.now());
      if (overdue) {
        run = await endOverdue(ctx, guild, run, overdue.late);
        if (run.status !== 'running') break;
      }
      let next: MixerRunView | null;
      try {
        next = await step(ctx, guild, run, keeper.lost);
      } catch (error) {
        if (!(error instanceof RoomsRefused || error instanceof MovesRefused)) throw error;
        const latest = await svc.runs.getRun(runId);
        // A refused move is told by the returning step, which tries the moves back first.
        if (error instanceof RoomsRefused || latest.phase === 'setup')
          await tellOrganiser(ctx, guild, latest, error.message as MessageKey);
        if (latest.phase === 'setup') {
          await abandon(ctx, guild, latest);
          break;
        }
        // Mid-mixer: nobody can be moved on (or no room for a new group), so the mixer ends.
        next = await store(ctx, runId, { phase: 'returning', roundEndsAt: null });
      }
      if (!next) break;
      run = next;
      if (
        keeper.lost() ||
        !(await svc.runs.acquireLease(runId, svc.workerId, ctx.services.clock.now(), svc.lease.ms))
      )
        throw new LeaseLost(runId);
    }
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    // Another worker holds the run now: it carries on from the stored step; this one stops.
    childLogger(ctx.logger, { runId }).warn('mixer lease lost; another worker drives this run');
  } finally {
    // No renewal may land after the release (it would take the lease back for a full term).
    await keeper.stop();
    wanted = await svc.runs.releaseLeaseAndTakeMark(runId, svc.workerId);
  }
  // Asked while this worker held the lease (a voice change another worker received): after this
  // step in this process's queue, the drive's reconcile applies it.
  if (wanted) void drive(ctx, client, runId);
}

/**
 * This worker does not hold the guild (sharded workers: the guild is on another shard; or the
 * bot was removed from it): the drive must not be used up here, so a resume is saved a little
 * later for whichever worker's agenda takes it. A timer's or the organiser's action is not lost
 * with it: the round end is past `roundEndsAt`, the warning is due by the clock, and "Next round"
 * and "End" are stored on the run, which a plain drive acts on. Bounded: no worker holding the
 * guild for ELSEWHERE_MAX_HOPS in a row means the bot is gone from it; the run waits for a
 * GuildAvailable (the bot back in the guild) instead of polling for ever.
 */
async function handOn(ctx: BotContext, runId: string, now: Date, hops: number): Promise<void> {
  const log = childLogger(ctx.logger, { runId, hops });
  if (hops >= ELSEWHERE_MAX_HOPS) {
    log.error('mixer guild not held by any worker that took its drive; waiting for GuildAvailable');
    return;
  }
  log.warn("mixer guild not in this worker's cache; handing the drive on");
  await scheduleResume(ctx.agenda, runId, new Date(now.getTime() + ELSEWHERE_RETRY_MS), hops + 1);
}

/** How long an action waits for the lease (a voice change holds it for about one move). */
const ACTION_LEASE_WAIT_MS = 5_000;
const ACTION_LEASE_POLL_MS = 200;

async function waitForLease(ctx: BotContext, runId: string): Promise<MixerRunView | null> {
  const svc = ctx.services.mixer;
  const until = Date.now() + ACTION_LEASE_WAIT_MS;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, ACTION_LEASE_POLL_MS));
    const run = await svc.runs.acquireLease(runId, svc.workerId, ctx.services.clock.now(), svc.lease.ms);
    if (run) return run;
  }
  return null;
}

/**
 * The client was destroyed (the worker shuts down): no further step; the lease is released and
 * another worker carries on from the stored step. discord.js clears the token on destroy.
 */
function stopped(client: Client): boolean {
  return client.token === null;
}

/**
 * Renews the run's lease every `lease.renewEveryMs` while a step runs: a transition waits out
 * Retry-After answers (discord.js's REST queue or the move queue) that can outlast the lease,
 * and the lease must not run out under a worker that is alive. `lost()` turns true when a
 * renewal finds another worker holding it (this worker was too slow, e.g. frozen): the step then
 * sends nothing more, and its fenced writes (saveStep with the owner) are refused anyway.
 */
export function keepLease(
  ctx: BotContext,
  runId: string,
): { lost: () => boolean; stop: () => Promise<void> } {
  const svc = ctx.services.mixer;
  let lost = false;
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    pending = svc.runs
      .acquireLease(runId, svc.workerId, ctx.services.clock.now(), svc.lease.ms)
      .then(async (held) => {
        if (held) return;
        // A run that stopped running (this step ended it) has no lease to keep: not a loss.
        const run = await svc.runs.getRun(runId);
        if (run.status === 'running' && run.lease.owner !== svc.workerId) lost = true;
      })
      .catch((error: unknown) =>
        childLogger(ctx.logger, { runId }).warn({ err: error }, 'mixer lease renewal failed'),
      );
  }, svc.lease.renewEveryMs);
  timer.unref();
  return {
    lost: () => lost,
    async stop() {
      clearInterval(timer);
      await pending;
    },
  };
}

/**
 * A run found past its planned end (the worker or the guild came back after it): it ends
 * instead of starting another round. `late`: the bot missed the end (said in the control
 * message); an ordinary end of the last round found a moment late is not.
 */
function overdueEnd(ctx: BotContext, run: MixerRunView, now: Date): { late: boolean } | null {
  const end = plannedEndOf(run);
  if (!end || !ENDABLE.has(run.phase)) return null;
  const lastRoundTalking = run.phase === 'talking' && run.state.currentRound + 1 >= run.strategies.length;
  // Setting up or moving may run past the plan by what that takes for this many people (granting
  // the room role when the rooms open to it, moving ~1 per second each, twice that for 429s) plus
  // LATE_MS: a big lobby with short rounds is not "away" while it is still granting roles.
  // Talking may not.
  const slack = run.phase === 'talking' ? 0 : LATE_MS + 2000 * transitionSecondsOf(ctx, run);
  if (now.getTime() < end.getTime() + slack) return null;
  return { late: !lastRoundTalking || now.getTime() >= end.getTime() + LATE_MS };
}

/** Expected seconds of the transition a run in setup or moving is in (setup: any role grants too). */
function transitionSecondsOf(ctx: BotContext, run: MixerRunView): number {
  const people = run.state.participants.length;
  // Before setup stored the room access, the one it will choose.
  const access = roomAccessOf(run) ?? roomAccessFor(roomPeople(run).length, bodyOverwriteCap(ctx));
  return run.phase === 'setup' || run.roundsPlayed === 0
    ? expectedFirstTransitionSeconds(people, access)
    : expectedTransitionSeconds(people);
}

/** Ends an overdue run: everyone back and the rooms deleted (nothing played: cancelled). */
async function endOverdue(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  late: boolean,
): Promise<MixerRunView> {
  if (run.phase === 'setup' || run.roundsPlayed === 0) {
    await abandon(ctx, guild, run, late);
    return ctx.services.mixer.runs.getRun(run.runId);
  }
  return store(ctx, run.runId, { phase: 'returning', roundEndsAt: null, endedLate: late });
}

/** The control message's line for a mixer the bot ended late (after an outage), else undefined. */
function lateNote(run: MixerRunView, progress?: string): string | undefined {
  if (!run.endedLate) return progress;
  const note = translator(run.locale as Locale)('deepen.mixer.control.endedLate');
  return progress ? `${note}\n${progress}` : note;
}

/** Ends the mixer at once: before the first round only the rooms go; else everyone comes back. */
async function endNow(ctx: BotContext, guild: Guild, run: MixerRunView): Promise<MixerRunView> {
  // No round reached talking: nothing to record, the run is cancelled (anyone moved comes back).
  if (run.phase === 'setup' || run.roundsPlayed === 0) {
    await abandon(ctx, guild, run);
    return ctx.services.mixer.runs.getRun(run.runId);
  }
  return store(ctx, run.runId, { phase: 'returning', roundEndsAt: null });
}

/** The round's one-minute warning is due and not posted yet (rounds of 2 minutes or more have one). */
function warningDue(run: MixerRunView, now: Date): boolean {
  return (
    run.phase === 'talking' &&
    run.minutesPerRound >= 2 &&
    run.roundEndsAt !== null &&
    now.getTime() >= run.roundEndsAt.getTime() - WARNING_MS &&
    run.warnedRound < run.state.currentRound
  );
}

/** Posts the round's one-minute warning once: stored before it is posted. */
async function warn(ctx: BotContext, guild: Guild, run: MixerRunView, round: number): Promise<MixerRunView> {
  if (run.warnedRound >= round) return run;
  const stored = await store(ctx, run.runId, { warnedRound: round });
  await warnRooms(guild, stored);
  return stored;
}

async function applyAction(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  action?: DriveAction,
  attempt = 0,
): Promise<MixerRunView> {
  if (!action) return run;
  // Overdue: the loop ends it (a late round-end job must not start the next round first).
  if (overdueEnd(ctx, run, ctx.services.clock.now())) return run;
  if (action.kind === 'end') return ENDABLE.has(run.phase) ? endNow(ctx, guild, run) : run;
  const state = stateOf(run);
  if (run.phase !== 'talking' || state.currentRound !== action.round) return run;
  if (action.kind === 'warn') return warn(ctx, guild, run, action.round);
  // A timer's end that an extension moved after the timer fired: the round goes on (its job
  // was moved to the new end).
  if (!action.early && run.roundEndsAt && run.roundEndsAt > ctx.services.clock.now()) return run;
  const set =
    state.currentRound + 1 < state.strategies.length
      ? {
          state: advanceRound(state),
          phase: 'moving',
          roundEndsAt: null,
          moves: { round: -1, done: 0, total: 0, notified: [] },
        }
      : { phase: 'returning', roundEndsAt: null };
  try {
    // On the version read: a joiner, leaver or extension stored meanwhile is not overwritten.
    return await ctx.services.mixer.runs.saveStep(run.runId, set, ctx.services.mixer.workerId, run.version);
  } catch (error) {
    if (!(error instanceof StaleRun) || attempt >= 5) throw error;
    const latest = await ctx.services.mixer.runs.getRun(run.runId);
    return applyAction(ctx, guild, latest, action, attempt + 1);
  }
}

/**
 * The stored participants against the guild's voice states, at the start of every drive: a
 * restart or an outage hides the voice changes made meanwhile (the gateway sends none for an
 * unavailable guild; GUILD_CREATE brings the voice states as they are now). A participant no
 * longer in the lobby or a room has left (their group rebalanced, as the leave handler does),
 * and whoever is in the lobby without a seat joins late. At setup this also seats people who
 * came in before the confirm and drops those who left since the plan was made. Both writes are
 * fenced by the run's version, and a change the voice handler already made is a no-op here.
 */
async function reconcileMembers(ctx: BotContext, guild: Guild, run: MixerRunView): Promise<MixerRunView> {
  if (!LIVE_PHASES.has(run.phase) || run.endRequested) return run;
  const runs = ctx.services.mixer.runs;
  const inMixer = (userId: string) => {
    const channel = guild.voiceStates.cache.get(userId)?.channelId ?? null;
    return channel !== null && (channel === run.lobbyChannelId || run.rooms.includes(channel));
  };
  const known = new Set([run.organiserId, ...run.facilitators, ...run.state.participants.map((p) => p.id)]);
  const gone = run.state.participants.map((p) => p.id).filter((id) => !inMixer(id));
  const newcomers = guild.voiceStates.cache
    .filter((v) => v.channelId === run.lobbyChannelId && !v.member?.user.bot && !known.has(v.id))
    .map((v) => v.id);
  let current = run;
  const owner = ctx.services.mixer.workerId;
  for (const userId of gone)
    current = (await runs.removeParticipant(run.runId, userId, owner))?.run ?? current;
  for (const userId of newcomers) {
    // Rooms made already (a later phase than setup): the joiner is let in first (their overwrites
    // or the mixer's role); the step's moves then take them to their group's room. Rooms full of
    // overwrites: they stay in the lobby, unseated, told why (once: the voice handler may have).
    if ((await openRoomsTo(ctx, guild, current, userId)) === 'full') {
      await tellRoomsFullOnce(ctx, guild, current, userId);
      continue;
    }
    const added = await runs.addJoiner(run.runId, userId, owner);
    if (!added) continue;
    current = added.run;
  }
  if (gone.length > 0 || newcomers.length > 0) {
    childLogger(ctx.logger, { runId: run.runId }).info(
      { gone, newcomers },
      'mixer participants reconciled with the voice states',
    );
    mixerIndexOf(ctx).track(current);
  }
  return current;
}

/** Who is still in one of the run's rooms, as the gateway's voice states say. */
function inRooms(guild: Guild, run: MixerRunView): string[] {
  return [
    ...guild.voiceStates.cache.filter((v) => v.channelId !== null && run.rooms.includes(v.channelId)).keys(),
  ];
}

/** One step; returns the run to continue with, or null to wait. */
async function step(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  leaseLost: () => boolean,
): Promise<MixerRunView | null> {
  const owner = ctx.services.mixer.workerId;
  const now = ctx.services.clock.now();
  switch (run.phase) {
    case 'setup': {
      // Newcomers and leavers since the plan were reconciled at the top of the drive.
      const roomCount = Math.max(1, ...run.state.rounds.map((r) => r.length));
      const ready = await ensureRooms(ctx, guild, run, roomCount, owner);
      return store(ctx, ready.runId, {
        phase: 'moving',
        moves: { round: -1, done: 0, total: 0, notified: [] },
      });
    }
    case 'moving': {
      // A late joiner can make a re-planned round need more groups than the rooms made at setup.
      const groups = run.state.rounds[run.state.currentRound] ?? [];
      const ready =
        groups.length > run.rooms.length ? await ensureRooms(ctx, guild, run, groups.length, owner) : run;
      const moved = await moveRound(ctx, guild, ready, leaseLost);
      // Ended mid-transition: this round never starts (the loop brings everyone back).
      if (moved.endRequested) return moved;
      // The deadline is stored first, the prompts posted, then the round counts as talking.
      const endsAt =
        moved.roundEndsAt ?? new Date(ctx.services.clock.now().getTime() + run.minutesPerRound * 60_000);
      const timed = await store(ctx, moved.runId, {
        roundEndsAt: endsAt,
        plannedEndAt: plannedEndAfterRound(moved, moved.state.currentRound, endsAt),
      });
      await scheduleTicks(ctx.agenda, timed);
      await postRoundPrompts(ctx, guild, timed);
      const talking = await store(ctx, moved.runId, {
        phase: 'talking',
        roundsPlayed: Math.max(timed.roundsPlayed, timed.state.currentRound + 1),
      });
      await refreshControl(guild, talking);
      return null;
    }
    case 'talking': {
      // Resumed (restart or lease hand-over): past the deadline the round ends now; else make
      // sure the jobs exist, the prompts are posted and nobody is stranded in the wrong place.
      const round = run.state.currentRound;
      if (run.roundEndsAt && run.roundEndsAt <= now)
        return applyAction(ctx, guild, run, { kind: 'end-round', round });
      // "Next round" asked while another worker held the lease (stored, actions.ts nextRound).
      if (run.nextRequestedRound === round)
        return applyAction(ctx, guild, run, { kind: 'end-round', round, early: true });
      // The warning's tick may have been used up by a worker that could not take the lease: the
      // warning is due by the clock, so any drive in its last minute posts it (once: warnedRound).
      if (warningDue(run, now)) run = await warn(ctx, guild, run, round);
      await scheduleTicks(ctx.agenda, run);
      await moveRound(ctx, guild, run, leaseLost);
      if (leaseLost()) throw new LeaseLost(run.runId);
      await postRoundPrompts(ctx, guild, run);
      await refreshControl(guild, run);
      return null;
    }
    case 'returning':
      return bringBack(ctx, guild, run, leaseLost);
    case 'cleanup': {
      await deleteRooms(guild, run);
      await cancelJobs(ctx.agenda, run.runId);
      const done = await finishRun(ctx, guild, run, owner);
      mixerIndexOf(ctx).track(done);
      await refreshControl(guild, done, lateNote(done));
      return null;
    }
    default:
      return null;
  }
}

/**
 * Everyone still in a room back to the lobby, before any room is deleted (deleting a channel
 * disconnects whoever is inside). A move that failed is tried again (bounded); when the bot may
 * not move people any more, they are told in their room to walk back and get RETURN_GRACE_MS.
 */
async function bringBack(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  leaseLost: () => boolean,
): Promise<MixerRunView | null> {
  run = await backMoves(ctx, run);
  await refreshControl(guild, run, lateNote(run));
  const placed = new Set<string>();
  for (let attempt = 0; attempt < RETURN_TRIES; attempt++) {
    const orders = inRooms(guild, run)
      .filter((userId) => !placed.has(userId))
      .map((userId) => ({ userId, channelId: run.lobbyChannelId }));
    if (orders.length === 0) break;
    // The status's count: this pass's moves on top of those done (a pass retries the failed ones).
    const { done } = (await ctx.services.mixer.runs.getRun(run.runId)).moves;
    run = await store(ctx, run.runId, { 'moves.total': done + orders.length });
    try {
      const moved = await runMoves(
        ctx,
        guild,
        run,
        orders,
        progressEditor(ctx, guild, run),
        async () => leaseLost(),
        { tell: false },
      );
      for (const id of moved) placed.add(id);
    } catch (error) {
      if (!(error instanceof MovesRefused)) throw error;
      if (run.returnGraces === 0) return graceToWalkBack(ctx, guild, run);
      break;
    }
  }
  const left = inRooms(guild, run).filter((userId) => !placed.has(userId));
  if (left.length > 0)
    childLogger(ctx.logger, { runId: run.runId }).warn(
      { left },
      'mixer rooms closing with members still inside',
    );
  // Whoever could not be moved back gets the lobby's link before the rooms close (once).
  await tellUnmoved(
    ctx,
    guild,
    run,
    left.map((userId) => ({ userId, channelId: run.lobbyChannelId })),
  );
  return store(ctx, run.runId, { phase: 'cleanup' });
}

/**
 * The way back is a step of moves of its own (round index: the number of rounds): its own count
 * for the status and its own list of who was told, so a member told about a round's move is still
 * told when their move back fails. Kept across a restart mid-way back (nobody is told twice).
 */
async function backMoves(ctx: BotContext, run: MixerRunView): Promise<MixerRunView> {
  const back = run.strategies.length;
  if (run.moves.round === back) return run;
  return store(ctx, run.runId, { moves: { round: back, done: 0, total: 0, notified: [] } });
}

/** Moves refused on the way back: the organiser and every room are told; the rooms close later. */
async function graceToWalkBack(ctx: BotContext, guild: Guild, run: MixerRunView): Promise<null> {
  const end = new Date(ctx.services.clock.now().getTime() + RETURN_GRACE_MS);
  const graced = await store(ctx, run.runId, { returnGraces: run.returnGraces + 1 });
  await tellOrganiser(ctx, guild, graced, 'deepen.mixer.error.missingMoveMembers');
  const tr = translator(run.locale as Locale);
  await postInRooms(
    guild,
    graced,
    tr('deepen.mixer.room.goBack', {
      lobby: `<#${run.lobbyChannelId}>`,
      link: `https://discord.com/channels/${guild.id}/${run.lobbyChannelId}`,
      end: discordTime(end),
    }),
  );
  await scheduleResume(ctx.agenda, run.runId, end);
  return null;
}

/** Moves the round's groups into their rooms, each group to the room most of it is already in. */
async function moveRound(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  leaseLost: () => boolean,
): Promise<MixerRunView> {
  const state = stateOf(run);
  const r = state.currentRound;
  const groups = state.rounds[r] ?? [];
  const roomIndex = new Map(run.rooms.map((id, i) => [id, i]));
  const roomOf = (userId: string) => {
    const channel = voiceChannelOf(guild, userId);
    return channel === null ? null : (roomIndex.get(channel) ?? null);
  };
  let current = run;
  let assignment = current.roomOfGroup[r];
  if (!assignment || assignment.length < groups.length) {
    assignment = assignGroupsToRooms(groups, roomOf, Math.max(run.rooms.length, groups.length));
    const roomOfGroup = [...current.roomOfGroup];
    roomOfGroup[r] = assignment;
    current = await store(ctx, run.runId, { roomOfGroup });
  }
  const planned = movesForRound(groups, assignment, roomOf);
  const orders: MoveOrder[] = planned.flatMap((m) =>
    m.room === null || !current.rooms[m.room]
      ? []
      : [{ userId: m.userId, channelId: current.rooms[m.room]! }],
  );
  if (current.moves.round !== r)
    current = await store(ctx, run.runId, {
      moves: { round: r, done: 0, total: orders.length, notified: [] },
    });
  else current = await store(ctx, run.runId, { 'moves.total': current.moves.done + orders.length });
  await runMoves(ctx, guild, current, orders, progressEditor(ctx, guild, current), async () =>
    leaseLost() ? true : endAsked(ctx, run.runId)(),
  );
  return ctx.services.mixer.runs.getRun(run.runId);
}

/** Asks the stored run whether the organiser asked to end (checked between moves). */
function endAsked(ctx: BotContext, runId: string): () => Promise<boolean> {
  return async () => (await ctx.services.mixer.runs.getRun(runId).catch(() => null))?.endRequested ?? false;
}

/**
 * Edits the control message's progress line as moves complete (at most every PROGRESS_EDIT_MS)
 * and renews the lease meanwhile: a transition of 200 people takes minutes. Throws LeaseLost
 * when another worker took the lease, which stops the remaining moves.
 */
function progressEditor(ctx: BotContext, guild: Guild, run: MixerRunView) {
  let last = 0;
  return async (done: number, total: number, left: number, unmoved: number) => {
    const nowMs = Date.now();
    if (done < total && nowMs - last < PROGRESS_EDIT_MS) return;
    last = nowMs;
    const svc = ctx.services.mixer;
    // The run as stored now: the control message counts who could not be moved (moves.notified).
    const latest = await svc.runs.acquireLease(
      run.runId,
      svc.workerId,
      ctx.services.clock.now(),
      svc.lease.ms,
    );
    if (!latest) throw new LeaseLost(run.runId);
    await refreshControl(guild, latest, lateNote(latest, progressLine(latest, done, total, left, unmoved)));
  };
}

async function tellOrganiser(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  key: MessageKey,
): Promise<void> {
  const tr = translator(run.locale as Locale);
  const channel = guild.channels.cache.get(run.controlChannelId ?? run.lobbyChannelId);
  if (channel?.isSendable())
    await channel
      .send({ content: `<@${run.organiserId}> ${tr(key)}`, allowedMentions: { users: [run.organiserId] } })
      .catch(() => undefined);
}

/**
 * A mixer that cannot go on before its first round started: anyone in a room back, rooms removed, marked
 * cancelled only once they are gone (a failed delete throws and the step is tried again).
 */
async function abandon(ctx: BotContext, guild: Guild, run: MixerRunView, late = false): Promise<void> {
  const latest = await ctx.services.mixer.runs.getRun(run.runId);
  await runMoves(
    ctx,
    guild,
    latest,
    inRooms(guild, latest).map((userId) => ({ userId, channelId: latest.lobbyChannelId })),
  ).catch((error: unknown) => {
    if (!(error instanceof MovesRefused)) throw error;
  });
  await deleteRooms(guild, latest);
  await cancelJobs(ctx.agenda, run.runId);
  const done = await store(ctx, run.runId, {
    status: 'cancelled',
    phase: 'done',
    state: scrubbedState(stateOf(latest)),
    endedAt: ctx.services.clock.now(),
    endedLate: late,
  });
  mixerIndexOf(ctx).track(done);
  await refreshControl(guild, done, lateNote(done));
}
