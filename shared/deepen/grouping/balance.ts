/**
 * How the planner compares attempts when a mixer has several shared rounds. Summing their costs
 * lets one round take every pair two rounds both want (people who share the industry AND the
 * age band can meet only once), so a round could end far below what sorting by its attribute
 * gives. Attempts are therefore ranked by, in this order:
 *   1. repeats in this mixer and pairs from history (never traded for an attribute),
 *   2. balance: the worst shared round's same-value pairs ÷ what sorting by its attribute and
 *      chunking gives (capped at 1: a round at that level needs nothing more),
 *   3. the total cost (attribute goals of every round, mixed rounds included).
 * All parts are integers or exact ratios of integers, so equal plans compare equal.
 */
import type { Board } from './board.js';
import { attributeCost, growth, REPEAT_COST, type RoundModel } from './costs.js';
import { shares } from './population.js';
import type { Rng } from './prng.js';

export interface Assessment {
  /** Repeat penalties plus history weights. */
  hard: number;
  /** min over shared rounds of same-value pairs ÷ the round's target, capped at 1. */
  balance: number;
  /** Per board round: same-value pairs ÷ target (Infinity for mixed rounds or no target). */
  ratios: number[];
  cost: number;
}

/** Same-value pairs of round `r` of the board under `model` (0 for a mixed model). */
function sharedPairs(board: Board, r: number, model: RoundModel): number {
  if (model.column === null) return 0;
  const slots = board.slots[r];
  let count = 0;
  for (let g = 0; g < board.groups; g++) {
    for (let a = board.start[g]; a < board.start[g + 1]; a++) {
      for (let b = a + 1; b < board.start[g + 1]; b++) if (shares(model.column, slots[a], slots[b])) count++;
    }
  }
  return count;
}

/** Ratios above this do not raise the balance: a round at sort-and-chunk's level needs no more. */
export const BALANCE_CAP = 1;
/** Orders of the value blocks averaged over for a round's target. */
const TARGET_ORDERS = 8;

/**
 * Per round: the same-value pairs sorting everyone by the round's attribute and cutting the
 * sorted list into the groups gives (the yardstick), as the mean over a few random
 * orders of the values, since that share depends on where the cuts fall in the value blocks.
 * People without an answer sort last; tag lists sort by their whole set of tags. 0 for mixed
 * rounds; rounds with one model share one figure.
 */
export function sortedTargets(sizes: readonly number[], models: readonly RoundModel[], rng: Rng): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const byModel = new Map<RoundModel, number>();
  return models.map((model) => {
    const column = model.column;
    if (column === null) return 0;
    let target = byModel.get(model);
    if (target === undefined) {
      const keyOf = new Map<string, number>();
      const key = Int32Array.from({ length: n }, (_, p) => {
        if (column.single[p] === -1) return -1;
        const text = column.values.subarray(column.offsets[p], column.offsets[p + 1]).join(',');
        if (!keyOf.has(text)) keyOf.set(text, keyOf.size);
        return keyOf.get(text)!;
      });
      let total = 0;
      for (let o = 0; o < TARGET_ORDERS; o++) {
        const rank = rng.shuffle(Int32Array.from({ length: keyOf.size }, (_, k) => k));
        const place = (p: number): number => (key[p] < 0 ? keyOf.size : rank[key[p]]);
        const sorted = Array.from({ length: n }, (_, p) => p).sort((a, b) => place(a) - place(b) || a - b);
        let at = 0;
        for (const size of sizes) {
          for (let a = at; a < at + size; a++)
            for (let b = a + 1; b < at + size; b++) if (shares(column, sorted[a], sorted[b])) total++;
          at += size;
        }
      }
      target = total / TARGET_ORDERS;
      byModel.set(model, target);
    }
    return target;
  });
}

/**
 * Assesses a board whose round t is problem round `order[t]`, under the problem's own models
 * (the attempt may have searched with lightened ones).
 */
export function assess(
  board: Board,
  order: readonly number[],
  models: readonly RoundModel[],
  targets: readonly number[],
): Assessment {
  const { n, history } = board;
  let repeats = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) repeats += growth(board.meet.get(i, j));
  let hard = REPEAT_COST * repeats;
  let attributes = 0;
  const ratios: number[] = [];
  let balance = BALANCE_CAP;
  order.forEach((round, t) => {
    const model = models[round];
    const slots = board.slots[t];
    for (let g = 0; g < board.groups; g++) {
      for (let a = board.start[g]; a < board.start[g + 1]; a++) {
        for (let b = a + 1; b < board.start[g + 1]; b++) {
          if (history !== null) hard += history.get(slots[a], slots[b]);
          attributes += attributeCost(model, slots[a], slots[b]);
        }
      }
    }
    const ratio = targets[round] > 0 ? sharedPairs(board, t, model) / targets[round] : Infinity;
    ratios.push(ratio);
    balance = Math.min(balance, ratio);
  });
  return { hard, balance, ratios, cost: hard + attributes };
}

/** True when `a` ranks before `b` (see the file comment). */
export function better(a: Assessment, b: Assessment): boolean {
  if (a.hard !== b.hard) return a.hard < b.hard;
  if (a.balance !== b.balance) return a.balance > b.balance;
  return a.cost < b.cost;
}
