/**
 * A mixer run as services return it: the stored document with its grouping state typed, and the
 * state read back with its dates revived.
 */
import type { Locale } from '../../i18n/index.js';
import type { MixerState, RoundStrategy } from '../grouping/index.js';
import { DomainError } from '../../errors.js';
import { MixerRun, type MixerPhase, type MixerStatus } from './mixer-run.model.js';

export interface MixerRunView {
  runId: string;
  guildId: string;
  lobbyChannelId: string;
  organiserId: string;
  eventId: string | null;
  status: MixerStatus;
  phase: MixerPhase;
  locale: Locale;
  theme: string;
  groupSize: number;
  minutesPerRound: number;
  strategies: RoundStrategy[];
  facilitators: string[];
  seed: string;
  state: MixerState;
  expectedRepeats: number;
  roundEndsAt: Date | null;
  warnedRound: number;
  controlChannelId: string | null;
  controlMessageId: string | null;
  categoryId: string | null;
  rooms: string[];
  roomOfGroup: number[][];
  prompts: { round: number; room: number; promptIds: string[]; messageId: string | null }[];
  moves: { round: number; done: number; total: number; notified: string[]; unmoved?: string[] };
  everyone: string[];
  lease: { owner: string | null; until: Date | null };
  startedAt: Date | null;
  endedAt: Date | null;
  summary: { people: number; groups: number; newPairs: number };
  feedbackAsked: boolean;
  endRequested: boolean;
  nextRequestedRound: number;
  returnGraces: number;
  version: number;
  roundsPlayed: number;
  historyRecorded: boolean;
  plannedEndAt: Date | null;
  endedLate: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- lean documents of the Mixed state
export function toView(doc: any): MixerRunView {
  return {
    ...doc,
    endRequested: doc.endRequested ?? false,
    nextRequestedRound: doc.nextRequestedRound ?? -1,
    returnGraces: doc.returnGraces ?? 0,
    version: doc.version ?? 0,
    roundsPlayed: doc.roundsPlayed ?? 0,
    historyRecorded: doc.historyRecorded ?? false,
    plannedEndAt: doc.plannedEndAt ?? null,
    endedLate: doc.endedLate ?? false,
    strategies: (doc.strategies ?? []).map(toStrategy),
  } as MixerRunView;
}

function toStrategy(s: { kind: string; attribute?: string | null }): RoundStrategy {
  return s.kind === 'shared'
    ? ({ kind: 'shared', attribute: s.attribute } as RoundStrategy)
    : { kind: 'mixed' };
}

/** The grouping state as stored (Dates stay Dates; undefined fields dropped). */
export function serializeState(state: MixerState): MixerState {
  return JSON.parse(JSON.stringify(state), (key, value: unknown) =>
    (key === 'lastMetAt' || key === 'now') && typeof value === 'string' ? new Date(value) : value,
  ) as MixerState;
}

/** Reads a stored state back (dates revived). */
export function stateOf(run: MixerRunView): MixerState {
  const state = serializeState(run.state);
  return {
    ...state,
    participants: state.participants.map((p) => ({ ...p, attributes: p.attributes ?? {} })),
  };
}

/** A run by id; NOT_FOUND when it does not exist (e.g. an old button). */
export async function getRun(runId: string): Promise<MixerRunView> {
  const doc = await MixerRun.findOne({ runId }).lean();
  if (!doc) throw new DomainError('NOT_FOUND', 'deepen.mixer.error.unknownRun');
  return toView(doc);
}

/**
 * The state kept once a run is over: who sat in which group (the summary, feedback and trends
 * need it) but not the profile answers nor the copy of earlier pair history (personal data the
 * plan needed only while running).
 */
export function scrubbedState(state: MixerState): MixerState {
  return {
    ...state,
    participants: state.participants.map((p) => ({ id: p.id, attributes: {} })),
    history: [],
  };
}

/** An erased person's id in finished runs (groups keep their size; the person is gone). */
export const ERASED_ID = 'erased';
