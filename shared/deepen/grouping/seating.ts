/**
 * Costs of seating one person in a group of the round in progress, for late joiners and for
 * rebalancing after a leaver: the same cost model as the planner (earlier meetings in this
 * mixer, history, the round's attribute goal), on the groups as they are now.
 */
import { ADD, attributeCost, type RoundModel } from './costs.js';
import type { PairCounts, PairHash } from './pair-table.js';
import { compileProblem } from './problem.js';
import type { MixerState } from './mixer-state.js';
import type { Participant } from './types.js';

export interface Seating {
  indexOf: ReadonlyMap<string, number>;
  model: RoundModel;
  base: PairCounts;
  history: PairHash | null;
  /** The current round's groups as participant indices. */
  groups: number[][];
}

/** Compiles the round in progress for `participants` (who must include everyone seated). */
export function currentSeating(state: MixerState, participants: readonly Participant[]): Seating {
  const r = state.currentRound;
  const problem = compileProblem(
    participants,
    [state.strategies[r]],
    state.history,
    state.now,
    state.rounds.slice(0, r),
  );
  const { indexOf } = problem.pop;
  const groups = (state.rounds[r] ?? []).map((g) =>
    g.filter((id) => indexOf.has(id)).map((id) => indexOf.get(id)!),
  );
  return { indexOf, model: problem.models[0], base: problem.base, history: problem.history, groups };
}

/** What person `p` adds to the cost of `group` (members other than `p`). */
export function seatCost(seating: Seating, p: number, group: readonly number[]): number {
  let cost = 0;
  for (const x of group) {
    if (x === p) continue;
    cost += ADD[seating.base.get(p, x)] + attributeCost(seating.model, p, x);
    if (seating.history !== null) cost += seating.history.get(p, x);
  }
  return cost;
}

/**
 * The group `p` fits best among those with room (fewer than `groupSize`), or among the smallest
 * when all are full; emptied groups are never refilled. Ties go to the smaller group, then the
 * lower index. −1 when no group has anyone in it.
 */
export function bestGroupFor(seating: Seating, p: number, groupSize: number, exclude = -1): number {
  const open = seating.groups
    .map((g, index) => ({ g, index }))
    .filter(({ g, index }) => g.length > 0 && index !== exclude);
  if (open.length === 0) return -1;
  const withRoom = open.filter(({ g }) => g.length < groupSize);
  const smallest = Math.min(...open.map(({ g }) => g.length));
  const candidates = withRoom.length > 0 ? withRoom : open.filter(({ g }) => g.length === smallest);
  let best = candidates[0];
  let bestCost = seatCost(seating, p, best.g);
  for (const c of candidates.slice(1)) {
    const cost = seatCost(seating, p, c.g);
    if (cost < bestCost || (cost === bestCost && c.g.length < best.g.length)) [best, bestCost] = [c, cost];
  }
  return best.index;
}
