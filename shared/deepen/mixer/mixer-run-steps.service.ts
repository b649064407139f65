/**
 * A running mixer's steps as stored: the lease, each step's fields, moves counted, late joiners
 * and leavers, round extensions. Re-exported by mixer-run.service.ts (the `runs` services).
 */
import { DomainError } from '../../errors.js';
import { addLateJoiner, removeLeaver, type GroupMove } from '../grouping/index.js';
import { MixerRun } from './mixer-run.model.js';
import { getRun, serializeState, stateOf, toView, type MixerRunView } from './mixer-run-view.js';
import { loadParticipants } from './participants.js';

/**
 * Takes the run's lease for `owner` until now + ttl, when it is free, expired or already ours.
 * Returns the run, or null when another worker drives it.
 */
export async function acquireLease(
  runId: string,
  owner: string,
  now: Date,
  ttlMs: number,
): Promise<MixerRunView | null> {
  const doc = await MixerRun.findOneAndUpdate(
    {
      runId,
      status: 'running',
      $or: [{ 'lease.owner': null }, { 'lease.owner': owner }, { 'lease.until': { $lte: now } }],
    },
    { $set: { 'lease.owner': owner, 'lease.until': new Date(now.getTime() + ttlMs) } },
    { returnDocument: 'after' },
  ).lean();
  return doc ? toView(doc) : null;
}

/** How long a lease lasts without renewal. */
export const LEASE_MS = 60_000;

/** A worker's lease timing: held `ms`, renewed every `renewEveryMs` while a step runs. */
export interface LeaseTiming {
  ms: number;
  renewEveryMs: number;
}

/** Renewed three times per lease: one slow renewal (a busy database) does not lose it. */
export function leaseTiming(ms = LEASE_MS): LeaseTiming {
  return { ms, renewEveryMs: Math.max(1, Math.floor(ms / 3)) };
}

/**
 * When the run ends as planned: the stored `plannedEndAt`, else (runs stored before it existed)
 * the round's end plus the rounds still to come; null before any deadline is known.
 */
export function plannedEndOf(run: MixerRunView): Date | null {
  if (run.plannedEndAt) return run.plannedEndAt;
  if (!run.roundEndsAt) return null;
  const after = Math.max(0, run.strategies.length - run.state.currentRound - 1);
  return new Date(run.roundEndsAt.getTime() + after * run.minutesPerRound * 60_000);
}

/** The planned end once round `round` talks until `endsAt`: the rounds after it at full length. */
export function plannedEndAfterRound(run: MixerRunView, round: number, endsAt: Date): Date {
  const after = Math.max(0, run.strategies.length - round - 1);
  return new Date(endsAt.getTime() + after * run.minutesPerRound * 60_000);
}

/**
 * The worker no longer holds the run's lease (it ran out and another worker took it): the
 * step's write was refused and the step must stop without touching Discord further.
 */
export class LeaseLost extends Error {
  constructor(readonly runId: string) {
    super(`lease of mixer run ${runId} lost`);
  }
}

/** The run changed since it was read (a conditional write on `version` matched nothing). */
export class StaleRun extends Error {
  constructor(readonly runId: string) {
    super(`mixer run ${runId} changed since it was read`);
  }
}

/** Matches the stored version `v` (runs stored before versions existed have none: 0). */
function versionFilter(v: number): unknown {
  return v === 0 ? { $in: [0, null] } : v;
}

/**
 * Stores one step's fields (the driver calls this before acting on them) and bumps the run's
 * version. With `owner`, the write is fenced by the lease: it only lands while `owner` holds it,
 * else LeaseLost. With `version`, it lands only on that version, else StaleRun.
 */
export async function saveStep(
  runId: string,
  set: Record<string, unknown>,
  owner?: string,
  version?: number,
): Promise<MixerRunView> {
  const filter: Record<string, unknown> = { runId };
  if (owner !== undefined) filter['lease.owner'] = owner;
  if (version !== undefined) filter.version = versionFilter(version);
  const doc = await MixerRun.findOneAndUpdate(
    filter,
    { $set: set, $inc: { version: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!doc) {
    const stored = await MixerRun.findOne({ runId }, { lease: 1, version: 1 }).lean();
    if (!stored) throw new DomainError('NOT_FOUND', 'deepen.mixer.error.unknownRun');
    if (owner !== undefined && stored.lease?.owner !== owner) throw new LeaseLost(runId);
    throw new StaleRun(runId);
  }
  return toView(doc);
}

/** How often a read-modify-write reads again after another write got in first. */
const CAS_TRIES = 8;

/**
 * A read-modify-write of the run: `change` gets the latest run and returns the fields to set
 * (null: nothing to do); the write lands only on the version read, else it reads again.
 * @throws DomainError CONFLICT when other writes keep getting in first
 */
export async function updateRun(
  runId: string,
  change: (run: MixerRunView) => Record<string, unknown> | null,
  owner?: string,
): Promise<MixerRunView | null> {
  for (let attempt = 0; attempt < CAS_TRIES; attempt++) {
    const run = await getRun(runId);
    const set = change(run);
    if (set === null) return null;
    try {
      // With `owner`, also fenced by the lease (LeaseLost once another worker holds it).
      return await saveStep(runId, set, owner, run.version);
    } catch (error) {
      if (!(error instanceof StaleRun)) throw error;
    }
  }
  throw new DomainError('CONFLICT', 'deepen.mixer.error.busy');
}

/**
 * Stores the organiser's request to end a running mixer (whoever drives it acts on it at its
 * next step). False when the run is not running any more.
 */
export async function requestEnd(runId: string): Promise<boolean> {
  const { modifiedCount, matchedCount } = await MixerRun.updateOne(
    { runId, status: 'running' },
    { $set: { endRequested: true } },
  );
  return matchedCount + modifiedCount > 0;
}

/**
 * Stores the organiser's "Next round" for `round` (whoever holds the lease ends that round at its
 * next step). False when the run is no longer talking in that round (it moved on meanwhile).
 */
export async function requestNextRound(runId: string, round: number): Promise<boolean> {
  const { matchedCount } = await MixerRun.updateOne(
    { runId, status: 'running', phase: 'talking', 'state.currentRound': round },
    { $set: { nextRequestedRound: round } },
  );
  return matchedCount > 0;
}

/**
 * Fences a side write of a worker: refused while another worker holds a live lease on the run
 * (a frozen worker that wakes up after a take-over must not count into the new owner's
 * transition). With no lease held (a membership move while the round talks) it goes through.
 */
function notTakenBy(owner: string, now: Date) {
  return { $or: [{ 'lease.owner': null }, { 'lease.owner': owner }, { 'lease.until': { $lte: now } }] };
}

/** Counts one move sent (or decided) by `owner`; refused when another worker drives the run. */
export async function countMove(runId: string, owner: string, now: Date): Promise<void> {
  await MixerRun.updateOne({ runId, ...notTakenBy(owner, now) }, { $inc: { 'moves.done': 1 } });
}

/**
 * Records whether a member's move of this step left them out of place (`unmoved`) or put them in
 * place; fenced like countMove. The shown count of those who could not be moved reads it.
 */
export async function markUnmoved(
  runId: string,
  userId: string,
  unmoved: boolean,
  owner: string,
  now: Date,
): Promise<void> {
  await MixerRun.updateOne(
    { runId, ...notTakenBy(owner, now) },
    unmoved ? { $addToSet: { 'moves.unmoved': userId } } : { $pull: { 'moves.unmoved': userId } },
  );
}

/**
 * Remembers that a member was told where their room is (not in voice). False when another
 * worker drives the run (it tells them itself).
 */
export async function markNotified(
  runId: string,
  userId: string,
  owner: string,
  now: Date,
): Promise<boolean> {
  const { matchedCount } = await MixerRun.updateOne(
    { runId, ...notTakenBy(owner, now) },
    { $addToSet: { 'moves.notified': userId } },
  );
  return matchedCount > 0;
}

/** Phases in which people can join or leave the groups (setup: before anyone moved). */
const LIVE = new Set(['setup', 'moving', 'talking']);

/**
 * Someone joined the lobby mid-round: seated in the best-fitting group not yet full, later
 * rounds re-planned. Returns their move in the round in progress (null: not added).
 */
export async function addJoiner(
  runId: string,
  userId: string,
  owner?: string,
): Promise<{ run: MixerRunView; move: GroupMove } | null> {
  const first = await getRun(runId);
  const [participant] = await loadParticipants(first.guildId, [userId]);
  let move: GroupMove | null = null;
  const next = await updateRun(
    runId,
    (run) => {
      const state = stateOf(run);
      if (run.status !== 'running' || !LIVE.has(run.phase)) return null;
      if (state.participants.some((p) => p.id === userId) || run.facilitators.includes(userId)) return null;
      const result = addLateJoiner(state, participant!);
      move = result.move;
      return {
        state: serializeState(result.state),
        everyone: [...new Set([...run.everyone, userId])],
      };
    },
    owner,
  );
  return next && move ? { run: next, move } : null;
}

/** A participant left (disconnected or left the guild): out of the groups, their group rebalanced. */
export async function removeParticipant(
  runId: string,
  userId: string,
  owner?: string,
): Promise<{ run: MixerRunView; moves: GroupMove[] } | null> {
  let moves: GroupMove[] = [];
  const next = await updateRun(
    runId,
    (run) => {
      const state = stateOf(run);
      if (run.status !== 'running' || !LIVE.has(run.phase)) return null;
      if (!state.participants.some((p) => p.id === userId)) return null;
      const result = removeLeaver(state, userId);
      moves = result.moves;
      return { state: serializeState(result.state) };
    },
    owner,
  );
  return next ? { run: next, moves } : null;
}

/**
 * Adds `ms` to the round in progress (the +2 minutes button). Lands only on the round it read:
 * once the driver moved on, the extension is refused instead of giving the next round a stale end.
 */
export async function extendRound(runId: string, ms: number): Promise<MixerRunView> {
  const extended = await updateRun(runId, (run) => {
    if (run.status !== 'running' || run.phase !== 'talking' || !run.roundEndsAt)
      throw new DomainError('CONFLICT', 'deepen.mixer.error.notTalking');
    const plannedEnd = plannedEndOf(run);
    return {
      roundEndsAt: new Date(run.roundEndsAt.getTime() + ms),
      ...(plannedEnd ? { plannedEndAt: new Date(plannedEnd.getTime() + ms) } : {}),
    };
  });
  return extended!;
}
