/**
 * Plans the open rounds of a mixer on integer indices: seat each round (construct + repair),
 * then, for small mixers, walk all rounds together, with a restart when conflicts remain.
 * Budgets are step counts scaled with n, never wall time, so a seed gives the same plan on any
 * machine.
 */
import { Board } from './board.js';
import { constructRound } from './construct.js';
import type { RoundModel } from './costs.js';
import type { PairCounts, PairHash } from './pair-table.js';
import { Rng } from './prng.js';
import { polish, resolveConflicts } from './search.js';

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
}

function budget(n: number, rounds: number, groups: number): Budget {
  // One group is the whole mixer every round: nothing to search.
  if (groups === 1)
    return { restarts: 1, picks: 1, sample: 0, peerSteps: 0, repairSteps: 0, walkSteps: 0, polishSteps: 0 };
  // Restarts only run while conflicts remain, which happens in the tight small cases.
  const restarts = Math.max(1, Math.min(4, Math.round(96 / n)));
  if (n <= SMALL)
    return {
      restarts,
      picks: Math.max(2, Math.min(16, Math.round(800 / n))),
      sample: 0,
      peerSteps: 2 * n,
      repairSteps: n,
      walkSteps: 200 * rounds + 20 * n,
      polishSteps: n * rounds,
    };
  return {
    restarts: 1,
    picks: 1,
    sample: 24,
    peerSteps: 0,
    repairSteps: 4 * n,
    walkSteps: 0,
    polishSteps: 0,
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
  return board;
}

/** The best board found for the problem (slots per open round). */
export function solve(problem: Problem): Board {
  const n = problem.sizes.reduce((a, b) => a + b, 0);
  const plan = budget(n, problem.models.length, problem.sizes.length);
  const rng = new Rng(problem.seed);
  let best: Board | null = null;
  let bestScore = Infinity;
  for (let restart = 0; restart < plan.restarts; restart++) {
    const board = attempt(problem, rng, plan);
    if (plan.restarts === 1) return board;
    const score = board.cost();
    if (score < bestScore) {
      best = board;
      bestScore = score;
    }
    if (board.conflicts().length === 0) break;
  }
  return best!;
}

/** The board's rounds as participant indices, round → group → members in input order. */
export function seatedRounds(board: Board): number[][][] {
  return board.slots.map((slots) =>
    Array.from({ length: board.groups }, (_, g) =>
      Array.from(slots.subarray(board.start[g], board.start[g + 1])).sort((a, b) => a - b),
    ),
  );
}
