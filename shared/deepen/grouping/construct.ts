/**
 * First seating of a round, before the swap search: a shared round packs people of the same
 * value into as few groups as possible (largest value blocks first, each into the group it
 * fills best; at least as many same-value pairs as sorting by the attribute and chunking, whose
 * result depends on the order of the value blocks), a mixed round is sorted by every attribute
 * and dealt round-robin so neighbours in the sort land in different groups. Ties are shuffled,
 * so two rounds with the same strategy start from different seatings.
 */
import type { Board } from './board.js';
import { Peers } from './peers.js';
import type { AttributeColumn } from './population.js';
import type { Rng } from './prng.js';

const NO_ANSWER = 0x7fffffff;

/** The code a person is sorted by: their value, or their most common tag; no answer sorts last. */
function sortCode(column: AttributeColumn, p: number): number {
  const single = column.single[p];
  if (single !== -2) return single === -1 ? NO_ANSWER : single;
  let best = column.values[column.offsets[p]];
  for (let v = column.offsets[p] + 1; v < column.offsets[p + 1]; v++) {
    if (column.popularity[column.values[v]] > column.popularity[best]) best = column.values[v];
  }
  return best;
}

/** Random rank per code, so value blocks do not always come in first-seen order. */
function codeRanks(column: AttributeColumn, rng: Rng): Int32Array {
  const ranks = rng.shuffle(Int32Array.from(column.popularity, (_, c) => c));
  const out = new Int32Array(ranks.length);
  ranks.forEach((code, rank) => (out[code] = rank));
  return out;
}

function sortKeys(n: number, columns: readonly AttributeColumn[], rng: Rng): Int32Array[] {
  return columns.map((column) => {
    const ranks = codeRanks(column, rng);
    return Int32Array.from({ length: n }, (_, p) => {
      const code = sortCode(column, p);
      return code === NO_ANSWER ? NO_ANSWER : ranks[code];
    });
  });
}

function sortedBy(n: number, keys: readonly Int32Array[], rng: Rng): Int32Array {
  const tie = Float64Array.from({ length: n }, () => rng.next());
  const order = Int32Array.from({ length: n }, (_, p) => p);
  return order.sort((a, b) => {
    for (const key of keys) if (key[a] !== key[b]) return key[a] - key[b];
    return tie[a] - tie[b];
  });
}

/** The value blocks of `sorted` (start, end), largest first; no-answer people form no block. */
function valueBlocks(sorted: Int32Array, key: Int32Array, rng: Rng): [number, number][] {
  const blocks: [number, number, number][] = [];
  for (let a = 0; a < sorted.length;) {
    let b = a + 1;
    while (b < sorted.length && key[sorted[b]] === key[sorted[a]]) b++;
    if (key[sorted[a]] !== NO_ANSWER) blocks.push([a, b, rng.next()]);
    a = b;
  }
  return blocks.sort((x, y) => y[1] - y[0] - (x[1] - x[0]) || x[2] - y[2]).map(([a, b]) => [a, b]);
}

/**
 * Slot order of a shared round: each block goes whole into the group whose free room it fills
 * most tightly; a block larger than every free room fills the roomiest group and its rest is
 * placed the same way. Lone people and people without an answer fill what is left.
 */
function packed(board: Board, sorted: Int32Array, key: Int32Array, rng: Rng): Int32Array {
  const fill = board.start.slice(0, board.groups);
  const free = (g: number): number => board.start[g + 1] - fill[g];
  const order = new Int32Array(board.n).fill(-1);
  const placed = new Uint8Array(board.n);
  for (const block of valueBlocks(sorted, key, rng)) {
    let a = block[0];
    const b = block[1];
    // A block of one gains no pair wherever it sits: it fills a gap at the end.
    while (b - a > 1) {
      let target = -1;
      let roomiest = 0;
      for (let g = 0; g < board.groups; g++) {
        if (free(g) >= b - a && (target < 0 || free(g) < free(target))) target = g;
        if (free(g) > free(roomiest)) roomiest = g;
      }
      const g = target >= 0 ? target : roomiest;
      const take = Math.min(b - a, free(g));
      if (take < 2) break;
      for (let t = 0; t < take; t++) {
        placed[sorted[a]] = 1;
        order[fill[g]++] = sorted[a++];
      }
    }
  }
  let slot = 0;
  for (const person of sorted) {
    if (placed[person]) continue;
    while (order[slot] !== -1) slot++;
    order[slot] = person;
  }
  return order;
}

/**
 * Slot order of a shared round of a small mixer (pair costs precomputed): the same packing,
 * person by person, each into the group where they add the least cost (a pair met in a round
 * seated before, history, a member without their value, a pair another shared round wants)
 * minus a reward per member with their value. So a block stays together unless that repeats a
 * pair and breaks up only there, and people placed to fill gaps avoid using up the pairs of the
 * other shared rounds. Ties go to the group whose free room best fits the rest of the block.
 */
function packedAvoiding(board: Board, r: number, sorted: Int32Array, key: Int32Array, rng: Rng): Int32Array {
  const fill = board.start.slice(0, board.groups);
  const order = new Int32Array(board.n);
  const placed = new Uint8Array(board.n);
  // Sitting with someone of the same value is worth what a pair without it costs.
  const reward = board.models[r].missCost;
  const seat = (person: number, rest: number): void => {
    let best = -1;
    let bestScore = Infinity;
    let bestFit = Infinity;
    for (let g = 0; g < board.groups; g++) {
      const free = board.start[g + 1] - fill[g];
      if (free === 0) continue;
      let score = 0;
      for (let s = board.start[g]; s < fill[g]; s++) {
        const x = order[s];
        const same = key[x] === key[person] && key[x] !== NO_ANSWER;
        score += board.repeatCost(person, x) + board.pairCost(r, person, x) - (same ? reward : 0);
      }
      const fit = free >= rest ? free - rest : board.n + rest - free;
      if (score < bestScore || (score === bestScore && fit < bestFit))
        [best, bestScore, bestFit] = [g, score, fit];
    }
    order[fill[best]++] = person;
    placed[person] = 1;
  };
  for (const [a, b] of valueBlocks(sorted, key, rng)) {
    if (b - a < 2) continue;
    for (let t = a; t < b; t++) seat(sorted[t], b - t);
  }
  for (const person of sorted) if (!placed[person]) seat(person, 1);
  return order;
}

/** Seats round `r` of the board from scratch (see the file comment). */
export function constructRound(board: Board, r: number, rng: Rng): void {
  const model = board.models[r];
  if (model.column !== null) {
    const [key] = sortKeys(board.n, [model.column], rng);
    const sorted = sortedBy(board.n, [key], rng);
    const avoid = board.costMatrix(r) !== null;
    board.place(r, avoid ? packedAvoiding(board, r, sorted, key, rng) : packed(board, sorted, key, rng));
    board.peers[r] = new Peers(sorted, key);
    return;
  }
  const spread = rng.shuffle([...model.spread.keys()]).map((k) => model.spread[k]);
  const sorted = sortedBy(board.n, sortKeys(board.n, spread, rng), rng);
  const order = new Int32Array(board.n);
  const fill = board.start.slice(0, board.groups);
  sorted.forEach((person, t) => (order[fill[t % board.groups]++] = person));
  board.place(r, order);
}
