/**
 * First seating of a round, before the swap search: a shared round is sorted by its attribute
 * and chunked (the baseline the search must keep close to), a mixed round is sorted by every
 * attribute and dealt round-robin so neighbours in the sort land in different groups. Ties are
 * shuffled, so two rounds with the same strategy start from different seatings.
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

/** Seats round `r` of the board from scratch (see the file comment). */
export function constructRound(board: Board, r: number, rng: Rng): void {
  const model = board.models[r];
  if (model.column !== null) {
    const [key] = sortKeys(board.n, [model.column], rng);
    const sorted = sortedBy(board.n, [key], rng);
    board.place(r, sorted);
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
