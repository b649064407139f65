/**
 * The last step of small mixers with several shared attributes: simulated annealing over the
 * shared rounds' seatings that raises the worst shared round (same-value pairs ÷ its target,
 * see balance.ts) without ending with more repeats or history than it started with.
 * The swap search before it minimises a sum, and a sum is indifferent to which round holds
 * the pairs two rounds both want; moving such pairs between rounds needs a few steps through
 * repeats, which a descent never takes and this walk does (a repeat costs it 0.3 of the worst
 * ratio, about one pair of a round whose target is three pairs). Step budget, no wall time.
 */
import type { Board } from './board.js';
import { ADD, REMOVE, REPEAT_COST, type RoundModel } from './costs.js';
import { shares } from './population.js';
import type { Rng } from './prng.js';

const add = ADD;
const remove = REMOVE;
/** Repeats' weight in the walk, in units of the worst ratio (ratio 1 = the round's target). */
const REPEAT_WEIGHT = 0.3;
const T_START = 0.3;
const T_END = 0.01;

/**
 * @param models the problem's models in board order (not lightened)
 * @param targets per board round, same-value pairs wanted (0: not part of the balance)
 * @param cap ratios above it do not raise the worst
 */
export function balanceWalk(
  board: Board,
  models: readonly RoundModel[],
  targets: readonly number[],
  cap: number,
  steps: number,
  rng: Rng,
): void {
  const rounds = models.flatMap((m, r) => (m.column !== null && targets[r] > 0 ? [r] : []));
  if (rounds.length < 2) return;
  const { n, start, groupOfSlot, history } = board;
  const meet = board.meet;
  const shared = new Float64Array(board.active);
  for (const r of rounds) {
    const slots = board.slots[r];
    const column = models[r].column!;
    for (let g = 0; g < board.groups; g++)
      for (let a = start[g]; a < start[g + 1]; a++)
        for (let b = a + 1; b < start[g + 1]; b++) if (shares(column, slots[a], slots[b])) shared[r]++;
  }
  const score = (): number => {
    let worst = cap;
    let total = 0;
    for (const r of rounds) {
      const ratio = shared[r] / targets[r];
      worst = Math.min(worst, ratio);
      total += ratio;
    }
    return worst + 0.01 * total;
  };
  const h = (i: number, j: number): number => (history === null ? 0 : history.get(i, j));
  // Hard cost (repeats and history) relative to the start; the walk only keeps states at ≤ 0.
  let hard = 0;
  let current = score();
  let best = current;
  let bestSlots = rounds.map((r) => board.slots[r].slice());
  for (let step = 0; step < steps; step++) {
    const temperature = T_START * (T_END / T_START) ** (step / steps);
    const r = rounds[rng.int(rounds.length)];
    const slots = board.slots[r];
    const si = rng.int(n);
    const sj = rng.int(n);
    const g1 = groupOfSlot[si];
    const g2 = groupOfSlot[sj];
    if (g1 === g2) continue;
    const i = slots[si];
    const j = slots[sj];
    const column = models[r].column!;
    let dHard = 0;
    let dShared = 0;
    for (let s = start[g1]; s < start[g1 + 1]; s++) {
      const x = slots[s];
      if (x === i) continue;
      dHard += add[meet.get(j, x)] + remove[meet.get(i, x)] + h(j, x) - h(i, x);
      dShared += (shares(column, j, x) ? 1 : 0) - (shares(column, i, x) ? 1 : 0);
    }
    for (let s = start[g2]; s < start[g2 + 1]; s++) {
      const y = slots[s];
      if (y === j) continue;
      dHard += add[meet.get(i, y)] + remove[meet.get(j, y)] + h(i, y) - h(j, y);
      dShared += (shares(column, i, y) ? 1 : 0) - (shares(column, j, y) ? 1 : 0);
    }
    shared[r] += dShared;
    const next = score() - (REPEAT_WEIGHT * (hard + dHard)) / REPEAT_COST;
    const delta = next - (current - (REPEAT_WEIGHT * hard) / REPEAT_COST);
    if (delta < 0 && rng.next() >= Math.exp(delta / temperature)) {
      shared[r] -= dShared;
      continue;
    }
    board.swap(r, i, j);
    hard += dHard;
    current = score();
    if (hard <= 0 && current > best) {
      best = current;
      bestSlots = rounds.map((round) => board.slots[round].slice());
    }
  }
  rounds.forEach((r, t) => {
    board.slots[r].set(bestSlots[t]);
    bestSlots[t].forEach((person, slot) => (board.pos[r][person] = slot));
  });
  board.recount();
}
