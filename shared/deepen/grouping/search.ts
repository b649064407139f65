/**
 * Swap search over the seated rounds. A step looks at (round, person) entries sitting with
 * someone they already met and tries swapping them with people from other groups of that round.
 * Two modes:
 * - repair (large mixers, and each round as it is seated): one entry per step, sampled
 *   candidates, only swaps that lower the cost; conflicts there are rare and easy;
 * - walk (small mixers, all rounds together): several entries per step, every candidate, and the
 *   best of their swaps is made even when it costs (min-conflicts with random picks, as in the
 *   social-golfer local searches); the best seating seen is kept. A tabu list did not help here.
 */
import type { Board } from './board.js';
import { bestMoveDense } from './fast-move.js';
import type { Rng } from './prng.js';

export interface SearchOptions {
  /** Steps before giving up on the remaining conflicts. */
  iterations: number;
  /** Candidates per entry; 0 tries every person outside the group. */
  sample: number;
  /** Walk mode: make the best swap even when it costs. */
  walk: boolean;
  /** Conflicted entries looked at per step; the best of their swaps is made. */
  picks: number;
  /** Only conflicts from this round on are worked on (the round just seated). */
  from: number;
  /** Only swap people with the same value in a shared round (keeps its share as it is). */
  peersOnly?: boolean;
}

/** The cheapest swap partner of `i` in round `r` with delta below `below`, or −1; delta in `out[0]`. */
function bestMove(
  board: Board,
  r: number,
  i: number,
  sample: number,
  rng: Rng,
  below: number,
  out: Float64Array,
  peersOnly = false,
): number {
  if (sample === 0 && board.meet.matrix !== null && board.costMatrix(r) !== null) {
    const peers = peersOnly ? (board.peers[r]?.range(i) ?? null) : null;
    return bestMoveDense(
      board,
      r,
      i,
      peers ?? { list: board.slots[r], from: 0, to: board.n },
      rng,
      below,
      out,
    );
  }
  const g1 = board.groupOf(r, i);
  const slots = board.slots[r];
  const leaveI = board.leaveCost(r, i, g1);
  let bestJ = -1;
  let bestDelta = Infinity;
  let ties = 0;
  const tries = sample === 0 ? board.n : sample;
  for (let t = 0; t < tries; t++) {
    // Three of four samples are same-value peers in a shared round: swapping peers keeps the share.
    const peer = sample !== 0 && (t & 3) !== 3 ? (board.peers[r]?.random(i, rng.next()) ?? -1) : -1;
    const s = sample === 0 ? t : peer >= 0 ? board.pos[r][peer] : rng.int(board.n);
    const g2 = board.groupOfSlot[s];
    if (g2 === g1) continue;
    const j = slots[s];
    const delta =
      leaveI + board.joinCost(r, i, g2, j) + board.leaveCost(r, j, g2) + board.joinCost(r, j, g1, i);
    if (delta > bestDelta || delta >= below) continue;
    if (delta < bestDelta) {
      bestJ = j;
      bestDelta = delta;
      ties = 1;
    } else if (rng.int(++ties) === 0) bestJ = j;
  }
  out[0] = bestDelta;
  return bestJ;
}

function snapshot(board: Board): Int32Array[] {
  return board.slots.map((s) => s.slice());
}

function restore(board: Board, saved: Int32Array[]): void {
  saved.forEach((slots, r) => {
    board.slots[r].set(slots);
    slots.forEach((person, slot) => (board.pos[r][person] = slot));
  });
  board.recount();
}

/** Runs the search; returns the number of conflicted (round, person) entries left. */
export function resolveConflicts(board: Board, rng: Rng, options: SearchOptions): number {
  let conflicts = board.conflicts(options.from);
  const n = board.n;
  const below = options.walk ? Infinity : 0;
  const out = new Float64Array(1);
  let current = 0;
  let best = 0;
  let bestSlots: Int32Array[] | null = null;
  for (let it = 0; it < options.iterations; it++) {
    if (conflicts.length === 0) {
      conflicts = board.conflicts(options.from);
      if (conflicts.length === 0) break;
    }
    let r = -1;
    let i = -1;
    let j = -1;
    let delta = Infinity;
    for (let look = 0; look < options.picks && conflicts.length > 0; look++) {
      const pick = rng.int(conflicts.length);
      const cr = Math.floor(conflicts[pick] / n);
      const ci = conflicts[pick] - cr * n;
      if (!board.conflicted(cr, ci)) {
        // Resolved by an earlier swap: drop it (swap-remove keeps this O(1)).
        conflicts[pick] = conflicts[conflicts.length - 1];
        conflicts.pop();
        continue;
      }
      const cj = bestMove(board, cr, ci, options.sample, rng, below, out, options.peersOnly);
      if (cj >= 0 && out[0] < delta) {
        [r, i, j, delta] = [cr, ci, cj, out[0]];
      }
    }
    if (j < 0) continue;
    if (options.walk && bestSlots === null && current + delta > best) bestSlots = snapshot(board);
    board.swap(r, i, j);
    current += delta;
    if (current < best) {
      best = current;
      bestSlots = null;
    }
    // New conflicts appear where the walk went uphill; look at them too now and then.
    if (options.walk && it % 64 === 63) conflicts = board.conflicts(options.from);
  }
  if (bestSlots !== null && current > best) restore(board, bestSlots);
  return board.conflicts(options.from).length;
}

/**
 * Steepest descent over every (round, person): each takes their cheapest swap while it lowers
 * the cost, sweep after sweep until a sweep changes nothing or `sweeps` ran out.
 */
export function descend(board: Board, rng: Rng, sweeps: number, sample: number): void {
  const out = new Float64Array(1);
  const entries = Int32Array.from({ length: board.active * board.n }, (_, e) => e);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let improved = false;
    for (const e of rng.shuffle(entries)) {
      const r = Math.floor(e / board.n);
      const i = e - r * board.n;
      const j = bestMove(board, r, i, sample, rng, 0, out);
      if (j >= 0) {
        board.swap(r, i, j);
        improved = true;
      }
    }
    if (!improved) return;
  }
}

/** Improves the attribute goals with swaps of random people that lower the cost. */
export function polish(board: Board, rng: Rng, iterations: number, sample: number): void {
  const out = new Float64Array(1);
  for (let it = 0; it < iterations; it++) {
    const r = rng.int(board.active);
    const i = rng.int(board.n);
    const j = bestMove(board, r, i, sample, rng, 0, out);
    if (j >= 0) board.swap(r, i, j);
  }
}
