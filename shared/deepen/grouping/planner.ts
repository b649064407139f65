/**
 * Plans the open rounds of a mixer on integer indices: seat each round (construct + repair),
 * then, for small mixers, walk all rounds together and descend; small mixers make a few
 * attempts and keep the cheapest, and more while conflicts remain.
 * Budgets are step counts scaled with n, never wall time, so a seed gives the same plan on any
 * machine.
 */
import { Board } from './board.js';
import { constructRound } from './construct.js';
import { REPEAT_COST, type RoundModel } from './costs.js';
import type { PairCounts, PairHash } from './pair-table.js';
import { Rng } from './prng.js';
import { descend, polish, resolveConflicts } from './search.js';

export interface Problem {
  sizes: readonly number[];
  models: readonly RoundModel[];
  /** Meetings in rounds already played. */
  base: PairCounts;
  history: PairHash | null;
  seed: string | number;
}

/** Up to this many people every swap partner is tried and all rounds are searched together. */
const SMALL = 200;

interface Budget {
  restarts: number;
  /** Conflicts looked at per walk step: fewer for larger mixers, where each look costs more. */
  picks: number;
  /** Candidates per step (0 = all). */
  sample: number;
  /** Walk steps per shared round among people of the same value only. */
  peerSteps: number;
  repairSteps: number;
  walkSteps: number;
  polishSteps: number;
  /** Steepest-descent sweeps over every (round, person) at the end. */
  sweeps: number;
  /** Attempts made even when one has no conflicts left, keeping the cheapest (attribute goals). */
  explore: number;
}

function budget(n: number, rounds: number, groups: number): Budget {
  // One group is the whole mixer every round: nothing to search.
  if (groups === 1)
    return {
      restarts: 1,
      picks: 1,
      sample: 0,
      peerSteps: 0,
      repairSteps: 0,
      walkSteps: 0,
      polishSteps: 0,
      sweeps: 0,
      explore: 1,
    };
  // Restarts beyond `explore` only run while conflicts remain (the tight small cases).
  const explore = Math.max(1, Math.min(4, Math.round(96 / n)));
  const restarts = Math.max(explore, Math.min(4, Math.round(96 / n)));
  if (n <= SMALL)
    return {
      restarts,
      picks: Math.max(2, Math.min(16, Math.round(800 / n))),
      sample: 0,
      peerSteps: 2 * n,
      repairSteps: n,
      walkSteps: 200 * rounds + 20 * n,
      polishSteps: n * rounds,
      sweeps: 8,
      explore,
    };
  return {
    restarts: 1,
    picks: 1,
    sample: 24,
    peerSteps: 0,
    repairSteps: 4 * n,
    walkSteps: 0,
    polishSteps: 0,
    sweeps: 0,
    explore: 1,
  };
}

function attempt(problem: Problem, rng: Rng, plan: Budget): Board {
  const board = new Board(problem.sizes, problem.models, problem.base, problem.history);
  const { sample } = plan;
  for (let r = 0; r < problem.models.length; r++) {
    constructRound(board, r, rng);
    // Shared rounds first try to resolve repeats among people of the same value only.
    if (plan.peerSteps > 0 && problem.models[r].kind === 'shared')
      resolveConflicts(board, rng, {
        iterations: plan.peerSteps,
        sample,
        walk: true,
        picks: 4,
        from: r,
        peersOnly: true,
      });
    resolveConflicts(board, rng, { iterations: plan.repairSteps, sample, walk: false, picks: 1, from: r });
  }
  if (plan.walkSteps > 0)
    resolveConflicts(board, rng, {
      iterations: plan.walkSteps,
      sample,
      walk: true,
      picks: plan.picks,
      from: 0,
    });
  if (plan.polishSteps > 0) polish(board, rng, plan.polishSteps, sample);
  if (plan.sweeps > 0) descend(board, rng, plan.sweeps, sample);
  return board;
}

/**
 * The order rounds are seated and searched in: shared rounds first, mixed ones after. Meetings
 * do not depend on the order of rounds, and a mixed round can avoid almost any set of pairs at
 * little cost, while a shared round must keep same-value people together: seated after the
 * others, it would have to break its groups up to avoid the pairs they already made. Among
 * shared rounds the first seated keeps the most, so attempt `t` starts with the t-th one.
 */
function seatingOrder(models: readonly RoundModel[], t: number): number[] {
  const rounds = models.map((_, r) => r);
  const shared = rounds.filter((r) => models[r].kind === 'shared');
  const turn = shared.length === 0 ? 0 : t % shared.length;
  return [
    ...shared.slice(turn),
    ...shared.slice(0, turn),
    ...rounds.filter((r) => models[r].kind !== 'shared'),
  ];
}

/**
 * Plans the open rounds: round → group → participant indices (members in input order), in the
 * problem's round order. The cheapest of the attempts the budget allows wins.
 */
export function solve(problem: Problem): number[][][] {
  const n = problem.sizes.reduce((a, b) => a + b, 0);
  const plan = budget(n, problem.models.length, problem.sizes.length);
  const rng = new Rng(problem.seed);
  let best: { board: Board; order: number[] } | null = null;
  let bestScore = Infinity;
  for (let restart = 0; restart < plan.restarts; restart++) {
    const order = seatingOrder(problem.models, restart);
    const board = attempt({ ...problem, models: order.map((r) => problem.models[r]) }, rng, plan);
    const score = plan.restarts === 1 ? 0 : board.cost();
    if (best === null || score < bestScore) {
      best = { board, order };
      bestScore = score;
    }
    if (restart + 1 >= plan.explore && bestScore < REPEAT_COST && board.conflicts().length === 0) break;
  }
  const seated = seatedRounds(best!.board);
  const rounds: number[][][] = new Array(seated.length);
  best!.order.forEach((r, t) => (rounds[r] = seated[t]));
  return rounds;
}

/** The board's rounds as participant indices, round → group → members in input order. */
function seatedRounds(board: Board): number[][][] {
  return board.slots.map((slots) =>
    Array.from({ length: board.groups }, (_, g) =>
      Array.from(slots.subarray(board.start[g], board.start[g + 1])).sort((a, b) => a - b),
    ),
  );
}
