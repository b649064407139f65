/**
 * Plans the open rounds of a mixer on integer indices: seat each round (construct + repair),
 * then, for small mixers, walk all rounds together and descend; small mixers make a few
 * attempts and keep the best (balance.ts ranks them), and more while conflicts remain. With two
 * or more shared attributes, mixers of up to BALANCE_N (64) people then make balancing attempts
 * (the weakest shared round seated first, the others' attribute costs lowered) and finish with
 * the balance walk. Above 64 they do neither: ranking attempts needs several of them (restarts
 * fall to 1 from 65 people), and there sort-and-chunk-like seating already reaches about 0.9 of
 * what sorting by each attribute gives (measured n = 65–150, review R2 #9).
 * Budgets are step counts scaled with n, never wall time, so a seed gives the same plan on any
 * machine.
 */
import { Board } from './board.js';
import { constructRound } from './construct.js';
import { assess, BALANCE_CAP as CAP, better, sortedTargets, type Assessment } from './balance.js';
import { balanceWalk } from './balance-walk.js';
import { lightened, REPEAT_COST, type RoundModel } from './costs.js';
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
/**
 * Up to this many people, plans with several shared attributes are balanced (balancing attempts,
 * the balance walk). The same bound as "more than one restart" (round(96 / n) ≥ 2), stated here
 * so the budget does not carry balancing that could never run.
 */
const BALANCE_N = 64;

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
  /** Most balancing attempts (several shared attributes, see balance.ts). */
  balancing: number;
  /** Steps of the balance walk at the end (several shared attributes, see balance-walk.ts). */
  balanceSteps: number;
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
      balancing: 0,
      balanceSteps: 0,
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
      balancing: n <= BALANCE_N ? 3 : 0,
      balanceSteps: n <= BALANCE_N ? 3000 * n : 0,
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
    balancing: 0,
    balanceSteps: 0,
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
 * Seating order and models of a balancing attempt: the weakest shared round of the best plan so
 * far first, at full weight; every stronger shared round after it with its attribute costs
 * halved `halvings` times, so the search gives the weakest round the pairs both want.
 */
function balancingAttempt(
  models: readonly RoundModel[],
  ratios: readonly number[],
  halvings: number,
): { order: number[]; models: RoundModel[] } {
  const rounds = models.map((_, r) => r);
  const shared = rounds.filter((r) => models[r].kind === 'shared');
  const weakest = Math.min(...shared.map((r) => ratios[r]));
  const first = shared.filter((r) => ratios[r] === weakest);
  const order = [
    ...first,
    ...shared.filter((r) => ratios[r] !== weakest),
    ...rounds.filter((r) => models[r].kind !== 'shared'),
  ];
  // Rounds with one strategy share one model object (and one cost matrix): keep that.
  const light = new Map<RoundModel, RoundModel>();
  const modelOf = (r: number): RoundModel => {
    const model = models[r];
    if (ratios[r] === weakest) return model;
    if (!light.has(model)) light.set(model, lightened(model, halvings));
    return light.get(model)!;
  };
  return { order, models: order.map(modelOf) };
}

interface Candidate {
  board: Board;
  /** Board round t is problem round order[t]. */
  order: number[];
  rank: Assessment | null;
}

/**
 * Runs the balance walk on the chosen plan when its weakest shared round is below target and it
 * has no conflicts; keeps the walk's seating only when it ranks better (see balance.ts).
 */
function walkBalance(
  chosen: Candidate,
  models: readonly RoundModel[],
  targets: readonly number[],
  plan: Budget,
  rng: Rng,
): void {
  const { board, order, rank } = chosen;
  if (rank === null || rank.balance >= CAP || board.conflicts().length > 0) return;
  const saved = board.slots.map((slots) => slots.slice());
  balanceWalk(
    board,
    order.map((r) => models[r]),
    order.map((r) => targets[r]),
    CAP,
    plan.balanceSteps,
    rng,
  );
  const walked = assess(board, order, models, targets);
  if (better(walked, rank)) {
    chosen.rank = walked;
    return;
  }
  saved.forEach((slots, t) => {
    board.slots[t].set(slots);
    slots.forEach((person, slot) => (board.pos[t][person] = slot));
  });
  board.recount();
}

/**
 * Plans the open rounds: round → group → participant indices (members in input order), in the
 * problem's round order. The best of the attempts the budget allows wins (ranked as in
 * balance.ts); with several shared attributes, balancing attempts follow while the weakest
 * shared round is below what sorting by its attribute gives.
 */
export function solve(problem: Problem): number[][][] {
  const n = problem.sizes.reduce((a, b) => a + b, 0);
  const plan = budget(n, problem.models.length, problem.sizes.length);
  const rng = new Rng(problem.seed);
  const { models } = problem;
  const sharedAttributes = new Set(models.flatMap((m) => (m.column === null ? [] : [m.column])));
  // Targets only matter when shared rounds compete for pairs (two or more shared attributes)
  // and the plan is balanced (n ≤ BALANCE_N, where attempts are ranked: restarts > 1).
  const targets =
    plan.balancing > 0 && sharedAttributes.size > 1
      ? sortedTargets(problem.sizes, models, new Rng(`${problem.seed}:targets`))
      : models.map(() => 0);
  let best: Candidate | null = null;
  const consider = (board: Board, order: number[]): void => {
    const rank = plan.restarts === 1 ? null : assess(board, order, models, targets);
    if (best === null || (rank !== null && better(rank, best.rank!))) best = { board, order, rank };
  };
  for (let restart = 0; restart < plan.restarts; restart++) {
    const order = seatingOrder(models, restart);
    const board = attempt({ ...problem, models: order.map((r) => models[r]) }, rng, plan);
    consider(board, order);
    const cost = best!.rank?.cost ?? 0;
    if (restart + 1 >= plan.explore && cost < REPEAT_COST && board.conflicts().length === 0) break;
  }
  for (let b = 0; b < plan.balancing && sharedAttributes.size > 1; b++) {
    const current: Candidate = best!;
    if (current.rank === null || current.rank.balance >= CAP || current.board.conflicts().length > 0) break;
    const ratios = new Array<number>(models.length);
    current.order.forEach((r, t) => (ratios[r] = current.rank!.ratios[t]));
    const next = balancingAttempt(models, ratios, b + 1);
    consider(attempt({ ...problem, models: next.models }, rng, plan), next.order);
  }
  const chosen: Candidate = best!;
  if (plan.balanceSteps > 0 && sharedAttributes.size > 1) walkBalance(chosen, models, targets, plan, rng);
  const seated = seatedRounds(chosen.board);
  const rounds: number[][][] = new Array(seated.length);
  chosen.order.forEach((r, t) => (rounds[r] = seated[t]));
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
