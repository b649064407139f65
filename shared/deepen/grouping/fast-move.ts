/**
 * The inner loop of small mixers, on the raw matrices: trying every swap partner of one person
 * is most of the search time, so it reads typed arrays directly instead of calling the board.
 */
import type { Board } from './board.js';
import { ADD, REMOVE } from './costs.js';
import type { Rng } from './prng.js';

const add = ADD;
const remove = REMOVE;

/**
 * The cheapest swap partner of `i` in round `r` with delta below `below` (ties broken at
 * random), or −1; the delta goes to `out[0]`. Candidates are `list[from…to−1]` (people, those
 * in `i`'s group are skipped). Needs dense meetings and precomputed pair costs.
 */
export function bestMoveDense(
  board: Board,
  r: number,
  i: number,
  candidates: { list: Int32Array; from: number; to: number },
  rng: Rng,
  below: number,
  out: Float64Array,
): number {
  const meet = board.meet.matrix!;
  const cost = board.costMatrix(r)!;
  const { n, start, groups, groupOfSlot } = board;
  const slots = board.slots[r];
  const pos = board.pos[r];
  const g1 = groupOfSlot[pos[i]];
  const rowI = i * n;
  // What i adds to each group it could join, and what leaving its own group changes.
  const joinI = board.scratch;
  let leaveI = 0;
  for (let g = 0; g < groups; g++) {
    let sum = 0;
    for (let s = start[g]; s < start[g + 1]; s++) {
      const x = slots[s];
      if (g === g1) {
        if (x !== i) leaveI += remove[meet[rowI + x]] - cost[rowI + x];
      } else sum += add[meet[rowI + x]] + cost[rowI + x];
    }
    joinI[g] = sum;
  }
  const s1 = start[g1];
  const e1 = start[g1 + 1];
  const { list, from, to } = candidates;
  let bestJ = -1;
  let bestDelta = Infinity;
  let ties = 0;
  for (let t = from; t < to; t++) {
    const j = list[t];
    const g2 = groupOfSlot[pos[j]];
    if (g2 === g1) continue;
    const rowJ = j * n;
    let d = leaveI + joinI[g2] - add[meet[rowI + j]] - cost[rowI + j];
    for (let s = start[g2]; s < start[g2 + 1]; s++) {
      const y = slots[s];
      if (y !== j) d += remove[meet[rowJ + y]] - cost[rowJ + y];
    }
    for (let s = s1; s < e1; s++) {
      const x = slots[s];
      if (x !== i) d += add[meet[rowJ + x]] + cost[rowJ + x];
    }
    if (d > bestDelta || d >= below) continue;
    if (d < bestDelta) {
      bestJ = j;
      bestDelta = d;
      ties = 1;
    } else if (rng.int(++ties) === 0) bestJ = j;
  }
  out[0] = bestDelta;
  return bestJ;
}
