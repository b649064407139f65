/**
 * A running mixer: what was played, the round in progress and the plan for the rest. Plain
 * data, so a worker can store it with the MixerRun and another worker can carry on.
 */
import { GroupingError } from './errors.js';
import { groupSizes, MIN_GROUP } from './group-sizes.js';
import { planMixer, validateInput } from './plan-mixer.js';
import { solve } from './planner.js';
import { compileProblem } from './problem.js';
import type { PairHistoryEntry, Participant, PlanInput, RoundGroups, RoundStrategy } from './types.js';

export interface MixerState {
  groupSize: number;
  strategies: readonly RoundStrategy[];
  /** Who is in the mixer now (attendance). */
  participants: readonly Participant[];
  history: readonly PairHistoryEntry[];
  now?: Date;
  seed: string | number;
  /** Index of the round in progress. */
  currentRound: number;
  /** Every round: as played up to `currentRound`, as planned after it. Emptied groups stay as []. */
  rounds: RoundGroups[];
}

/** Plans a mixer (see `planMixer`) and returns its state at round 0. */
export function startMixer(input: PlanInput): MixerState {
  const plan = planMixer(input);
  return {
    groupSize: input.groupSize,
    strategies: [...input.rounds],
    participants: [...input.participants],
    history: [...(input.history ?? [])],
    now: input.now,
    seed: input.seed,
    currentRound: 0,
    rounds: plan.rounds,
  };
}

/** Moves on to the next round (the plan for it stays as it is; replan first if people changed). */
export function advanceRound(state: MixerState): MixerState {
  if (state.currentRound + 1 >= state.strategies.length)
    throw new GroupingError('INVALID_ROUND_INDEX', {
      round: state.currentRound + 1,
      rounds: state.strategies.length,
    });
  return { ...state, currentRound: state.currentRound + 1 };
}

/**
 * Re-plans rounds `roundIndex` … last for the people present (`attendance`, default the state's
 * participants), counting the meetings of the rounds before it, so nobody is paired again with
 * someone they met earlier in this mixer. With fewer than 3 people present each re-planned
 * round is one group of whoever is left.
 *
 * @throws GroupingError INVALID_ROUND_INDEX when roundIndex is outside 0 … rounds
 */
export function replanFrom(
  state: MixerState,
  roundIndex: number,
  attendance?: readonly Participant[],
): MixerState {
  const total = state.strategies.length;
  if (!Number.isInteger(roundIndex) || roundIndex < 0 || roundIndex > total)
    throw new GroupingError('INVALID_ROUND_INDEX', { round: roundIndex, rounds: total });
  const participants = attendance ? [...attendance] : [...state.participants];
  const played = state.rounds.slice(0, roundIndex);
  const open = state.strategies.slice(roundIndex);
  if (open.length === 0) return { ...state, participants, rounds: played };
  if (participants.length < MIN_GROUP) {
    const everyone = participants.length ? [participants.map((p) => p.id)] : [];
    return { ...state, participants, rounds: [...played, ...open.map(() => everyone.map((g) => [...g]))] };
  }
  validateInput({ groupSize: state.groupSize, rounds: open, participants });
  const sizes = groupSizes(participants.length, state.groupSize);
  const problem = compileProblem(participants, open, state.history, state.now, played);
  const seated = solve({
    ...problem,
    sizes,
    seed: `${state.seed}:from-${roundIndex}:${participants.length}`,
  });
  const future = seated.map((groups) => groups.map((g) => g.map((p) => problem.pop.ids[p])));
  return { ...state, participants, rounds: [...played, ...future] };
}
