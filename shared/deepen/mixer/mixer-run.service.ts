/**
 * Mixer runs: plan (preview), confirm, the lease, each stored step, late joiners and leavers.
 * Plain ids in, plain objects out; Discord side effects are the bot's (bot/deepen/mixer/flows).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../errors.js';
import { isLocale, type Locale } from '../../i18n/index.js';
import {
  groupSizes,
  mixerStats,
  startMixer as planRun,
  type MixerState,
  type PairHistoryEntry,
  type RoundStrategy,
} from '../grouping/index.js';
import { isThemeId, DEFAULT_THEME } from '../prompts/index.js';
import { mappingGroupingErrors } from './grouping-errors.js';
import { getRun, serializeState, toView, type MixerRunView } from './mixer-run-view.js';
import { MixerRun } from './mixer-run.model.js';
export { getRun, stateOf, type MixerRunView } from './mixer-run-view.js';
import { loadParticipants } from './participants.js';
import { PairHistory } from './pair-history.model.js';
import { assignGroupsToRooms, movesForRound } from './room-assignment.js';
import { expectedFirstTransitionSeconds, expectedTransitionSeconds } from './transition-estimate.js';

/** Discord's cap of channels in one category (50035 CHANNEL_PARENT_MAX_CHANNELS). */
export const MAX_ROOMS = 50;
export const MIN_MINUTES = 1;
export const MAX_MINUTES = 60;

/** What a plan looks like before it starts (the preview the organiser confirms). */
export interface PlanPreview {
  people: number;
  groupsPerRound: number;
  sizes: number[];
  rounds: number;
  expectedRepeats: number;
  /** Pairs who met in an earlier mixer and meet again. */
  historyRepeats: number;
  /** Seconds for: lobby → rooms, between rounds (the slowest), rooms → lobby. */
  transitionSeconds: { first: number; between: number; back: number };
}

export interface CreateRunInput {
  guildId: string;
  lobbyChannelId: string;
  organiserId: string;
  /** Who is in the lobby and takes part (facilitators already left out). */
  participantIds: readonly string[];
  facilitators?: readonly string[];
  groupSize: number;
  minutesPerRound: number;
  /** One per round (see parseStrategies). */
  strategies: readonly RoundStrategy[];
  theme?: string;
  locale: string;
  eventId?: string | null;
  now: Date;
  seed?: string;
  /** 'preview' waits for a confirm; 'running' starts at once (events). */
  status?: 'preview' | 'running';
}

/** The pair history among `ids`, for the engine. */
export async function historyAmong(guildId: string, ids: readonly string[]): Promise<PairHistoryEntry[]> {
  const rows = await PairHistory.find({ guildId, a: { $in: [...ids] }, b: { $in: [...ids] } }).lean();
  return rows.map((r) => ({ a: r.a, b: r.b, count: r.count, lastMetAt: r.lastMetAt }));
}

/** The running mixer in this lobby, if any. */
export async function runningInLobby(guildId: string, lobbyChannelId: string): Promise<MixerRunView | null> {
  const doc = await MixerRun.findOne({ guildId, lobbyChannelId, status: 'running' }).lean();
  return doc ? toView(doc) : null;
}

/** Every running mixer of a guild (or of every guild). */
export async function runningRuns(guildId?: string): Promise<MixerRunView[]> {
  const docs = await MixerRun.find({ status: 'running', ...(guildId ? { guildId } : {}) }).lean();
  return docs.map(toView);
}

/**
 * Plans a mixer and stores it (as a preview, or running at once).
 * @throws DomainError fewer than 3 people, a mixer already running in the lobby, bad sizes,
 *   rounds or minutes, more rooms than a category holds
 */
export async function createRun(input: CreateRunInput): Promise<{ run: MixerRunView; preview: PlanPreview }> {
  if (
    !Number.isInteger(input.minutesPerRound) ||
    input.minutesPerRound < MIN_MINUTES ||
    input.minutesPerRound > MAX_MINUTES
  )
    throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.minutes', {
      min: MIN_MINUTES,
      max: MAX_MINUTES,
    });
  if (await runningInLobby(input.guildId, input.lobbyChannelId))
    throw new DomainError('CONFLICT', 'deepen.mixer.error.alreadyRunning', {
      lobby: `<#${input.lobbyChannelId}>`,
    });
  const ids = [...new Set(input.participantIds)];
  if (ids.length < 3)
    throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.tooFew', { count: ids.length });
  const sizes = mappingGroupingErrors(() => groupSizes(ids.length, input.groupSize));
  if (sizes.length > MAX_ROOMS)
    throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.tooManyRooms', {
      rooms: sizes.length,
      max: MAX_ROOMS,
    });
  const participants = await loadParticipants(input.guildId, ids);
  const history = await historyAmong(input.guildId, ids);
  const runId = randomUUID();
  const seed = input.seed ?? runId;
  const state = mappingGroupingErrors(() =>
    planRun({
      participants,
      groupSize: input.groupSize,
      rounds: input.strategies,
      history,
      now: input.now,
      seed,
    }),
  );
  const stats = mixerStats(state.rounds, { participants, strategies: state.strategies, history });
  const preview = previewOf(state, stats.repeatPairs, stats.historyPairsReMet);
  const locale: Locale = isLocale(input.locale) ? input.locale : 'ja';
  const status = input.status ?? 'preview';
  const doc = await MixerRun.create({
    runId,
    guildId: input.guildId,
    lobbyChannelId: input.lobbyChannelId,
    organiserId: input.organiserId,
    eventId: input.eventId ?? null,
    status,
    phase: 'setup',
    locale,
    theme: input.theme && isThemeId(input.theme) ? input.theme : DEFAULT_THEME,
    groupSize: input.groupSize,
    minutesPerRound: input.minutesPerRound,
    strategies: input.strategies.map((s) => ({
      kind: s.kind,
      attribute: s.kind === 'shared' ? s.attribute : null,
    })),
    facilitators: [...(input.facilitators ?? [])],
    seed,
    state: serializeState(state),
    expectedRepeats: stats.repeatPairs,
    everyone: ids,
    startedAt: status === 'running' ? input.now : null,
    plannedEndAt:
      status === 'running' ? plannedEndFrom(input.now, state.strategies.length, input.minutesPerRound) : null,
  }).catch((error: unknown) => {
    throw alreadyRunningOr(error, input.lobbyChannelId);
  });
  return { run: toView(doc.toObject()), preview };
}

function previewOf(state: MixerState, repeats: number, historyRepeats: number): PlanPreview {
  const n = state.participants.length;
  const roomCount = Math.max(...state.rounds.map((r) => r.length));
  let between = 0;
  for (let r = 1; r < state.rounds.length; r++) {
    const prev = state.rounds[r - 1]!;
    const roomOfPrev = new Map<string, number>();
    prev.forEach((g, i) => g.forEach((id) => roomOfPrev.set(id, i)));
    const at = (id: string) => roomOfPrev.get(id) ?? null;
    const assignment = assignGroupsToRooms(state.rounds[r]!, at, roomCount);
    between = Math.max(between, movesForRound(state.rounds[r]!, assignment, at).length);
  }
  return {
    people: n,
    groupsPerRound: state.rounds[0]?.length ?? 0,
    sizes: groupSizes(n, state.groupSize),
    rounds: state.strategies.length,
    expectedRepeats: repeats,
    historyRepeats,
    transitionSeconds: {
      // The room role is granted to everyone before the first move (its own rate-limit bucket).
      first: expectedFirstTransitionSeconds(n),
      between: expectedTransitionSeconds(between),
      back: expectedTransitionSeconds(n),
    },
  };
}

/**
 * Confirms a preview: running from now. Refuses a run that is no longer a preview (double click)
 * or a lobby that got another mixer meanwhile.
 */
export async function confirmRun(runId: string, now: Date): Promise<MixerRunView> {
  const run = await getRun(runId);
  if (run.status !== 'preview') throw new DomainError('CONFLICT', 'deepen.mixer.error.notPreview');
  if (await runningInLobby(run.guildId, run.lobbyChannelId))
    throw new DomainError('CONFLICT', 'deepen.mixer.error.alreadyRunning', {
      lobby: `<#${run.lobbyChannelId}>`,
    });
  const doc = await MixerRun.findOneAndUpdate(
    { runId, status: 'preview' },
    {
      $set: {
        status: 'running',
        phase: 'setup',
        startedAt: now,
        plannedEndAt: plannedEndFrom(now, run.strategies.length, run.minutesPerRound),
      },
    },
    { returnDocument: 'after' },
  )
    .lean()
    .catch((error: unknown) => {
      throw alreadyRunningOr(error, run.lobbyChannelId);
    });
  if (!doc) throw new DomainError('CONFLICT', 'deepen.mixer.error.notPreview');
  return toView(doc);
}

/** The planned end of a mixer starting at `start`: every round's talking time (transitions come on top). */
function plannedEndFrom(start: Date, rounds: number, minutesPerRound: number): Date {
  return new Date(start.getTime() + rounds * minutesPerRound * 60_000);
}

/** The unique index on running lobbies refused the write: the friendly refusal, else the error. */
function alreadyRunningOr(error: unknown, lobbyChannelId: string): unknown {
  return (error as { code?: number }).code === 11000
    ? new DomainError('CONFLICT', 'deepen.mixer.error.alreadyRunning', { lobby: `<#${lobbyChannelId}>` })
    : error;
}

/**
 * Asks the worker holding the run's lease to drive it again once it lets go (see `driveWanted`
 * in the model). No version bump: the mark changes nothing a read-modify-write depends on.
 */
export async function markDriveWanted(runId: string): Promise<void> {
  await MixerRun.updateOne({ runId, status: 'running' }, { $set: { driveWanted: true } });
}

/**
 * Lets go of `owner`'s lease and takes the mark in the same write: true when a drive was asked
 * while it held the lease (then it drives again). One write, so a mark is never missed: set
 * before it, this returns it; set after it, the lease is already free for the worker that marked.
 * False when the lease was not `owner`'s any more (the holder takes the mark when it lets go).
 */
export async function releaseLeaseAndTakeMark(runId: string, owner: string): Promise<boolean> {
  const before = await MixerRun.findOneAndUpdate(
    { runId, 'lease.owner': owner },
    { $set: { 'lease.owner': null, 'lease.until': null, driveWanted: false } },
    { projection: { driveWanted: 1, status: 1 }, returnDocument: 'before' },
  ).lean();
  return before?.driveWanted === true && before.status === 'running';
}

/** Drops a preview nobody confirmed. */
export async function cancelPreview(runId: string): Promise<void> {
  await MixerRun.updateOne({ runId, status: 'preview' }, { $set: { status: 'cancelled' } });
}

export * from './mixer-run-steps.service.js';
