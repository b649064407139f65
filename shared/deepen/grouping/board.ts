/**
 * The search state: for each round being planned, who sits in which slot. Groups are fixed
 * slot ranges (sizes never change during a search), so every move is a swap of two people and
 * its cost change only involves their two groups.
 */
import {
  ADD,
  HISTORY_CONFLICT,
  REMOVE,
  REPEAT_COST,
  attributeCost,
  denseRoundCosts,
  growth,
  type RoundModel,
} from './costs.js';
import type { PairCounts, PairHash } from './pair-table.js';
import type { Peers } from './peers.js';

// Imported functions are read through a getter per call under tsx; the hot path uses a copy.
const pairAttributeCost = attributeCost;

/** Up to this many people the per-round pair costs are precomputed (≤ 160 kB per round). */
const DENSE_COSTS = 200;

export class Board {
  readonly n: number;
  readonly groups: number;
  /** Group g holds slots start[g] … start[g + 1] − 1. */
  readonly start: Int32Array;
  readonly groupOfSlot: Int32Array;
  /** Per planned round: slot → person, and person → slot. */
  readonly slots: Int32Array[];
  readonly pos: Int32Array[];
  /** Meetings of fixed (already played) rounds plus the planned ones. */
  meet: PairCounts;
  /** Rounds seated so far (they are seated one after the other). */
  active = 0;
  /** One number per group, reused by the inner loop instead of allocating per step. */
  readonly scratch: Float64Array;
  /** Small mixers precompute history + attribute cost per pair and round (n·n each). */
  private readonly dense: (Int32Array | null)[];
  /** Per shared round: who has the same value as whom (set by the construction). */
  readonly peers: (Peers | null)[];
  // Local copies: module bindings read through getters under tsx, too slow for the inner loop.
  private readonly addCost = ADD;
  private readonly removeCost = REMOVE;

  /**
   * @param sizes group sizes, the same every planned round
   * @param models one per planned round
   * @param base meetings before the planned rounds (never changed)
   * @param history history weights, or null when there are none
   */
  constructor(
    sizes: readonly number[],
    readonly models: readonly RoundModel[],
    readonly base: PairCounts,
    readonly history: PairHash | null,
  ) {
    this.n = sizes.reduce((a, b) => a + b, 0);
    this.groups = sizes.length;
    this.start = new Int32Array(sizes.length + 1);
    this.groupOfSlot = new Int32Array(this.n);
    sizes.forEach((size, g) => {
      this.start[g + 1] = this.start[g] + size;
      this.groupOfSlot.fill(g, this.start[g], this.start[g + 1]);
    });
    this.slots = models.map(() => new Int32Array(this.n));
    this.pos = models.map(() => new Int32Array(this.n));
    this.meet = base.clone();
    this.peers = models.map(() => null);
    this.scratch = new Float64Array(sizes.length);
    this.dense = this.n <= DENSE_COSTS ? denseRoundCosts(this.n, models, history) : models.map(() => null);
  }

  /** Precomputed pair costs of round `r` (row i, column j), or null for large mixers. */
  costMatrix(r: number): Int32Array | null {
    return this.dense[r];
  }

  /** History plus attribute cost of `i` and `j` sharing a group in round `r`. */
  pairCost(r: number, i: number, j: number): number {
    const dense = this.dense[r];
    if (dense !== null) return dense[i * this.n + j];
    const h = this.history === null ? 0 : this.history.get(i, j);
    return h + pairAttributeCost(this.models[r], i, j);
  }

  /** Repeat cost of `i` and `j` meeting once more than they have so far. */
  repeatCost(i: number, j: number): number {
    return this.addCost[this.meet.get(i, j)];
  }

  groupOf(r: number, person: number): number {
    return this.groupOfSlot[this.pos[r][person]];
  }

  /** Seats round `r` as `order` (slot → person) and counts its meetings. */
  place(r: number, order: Int32Array): void {
    this.slots[r].set(order);
    order.forEach((person, slot) => (this.pos[r][person] = slot));
    for (let g = 0; g < this.groups; g++) this.countGroup(r, g);
    this.active = Math.max(this.active, r + 1);
  }

  /** Rebuilds the meeting counts after the slots were replaced wholesale (snapshot restore). */
  recount(): void {
    this.meet = this.base.clone();
    for (let r = 0; r < this.active; r++) for (let g = 0; g < this.groups; g++) this.countGroup(r, g);
  }

  /** Cost change of `p` leaving group `g`. */
  leaveCost(r: number, p: number, g: number): number {
    const slots = this.slots[r];
    let d = 0;
    for (let s = this.start[g]; s < this.start[g + 1]; s++) {
      const x = slots[s];
      if (x !== p) d += this.removeCost[this.meet.get(p, x)] - this.pairCost(r, p, x);
    }
    return d;
  }

  /** Cost change of `p` joining group `g`, where `skip` (leaving it) does not count. */
  joinCost(r: number, p: number, g: number, skip: number): number {
    const slots = this.slots[r];
    let d = 0;
    for (let s = this.start[g]; s < this.start[g + 1]; s++) {
      const x = slots[s];
      if (x !== skip) d += this.addCost[this.meet.get(p, x)] + this.pairCost(r, p, x);
    }
    return d;
  }

  /** Swaps `i` and `j` in round `r`, keeping the meeting counts current. */
  swap(r: number, i: number, j: number): void {
    const g1 = this.groupOf(r, i);
    const g2 = this.groupOf(r, j);
    const slots = this.slots[r];
    for (let s = this.start[g1]; s < this.start[g1 + 1]; s++) {
      const x = slots[s];
      if (x !== i) this.moveMeeting(i, j, x);
    }
    for (let s = this.start[g2]; s < this.start[g2 + 1]; s++) {
      const y = slots[s];
      if (y !== j) this.moveMeeting(j, i, y);
    }
    const pos = this.pos[r];
    const si = pos[i];
    const sj = pos[j];
    slots[si] = j;
    slots[sj] = i;
    pos[i] = sj;
    pos[j] = si;
  }

  /**
   * True when `p` sits with someone they already met in this mixer, or recently enough in an
   * earlier one that it weighs more than an attribute (older meetings are only a cost).
   */
  conflicted(r: number, p: number): boolean {
    const g = this.groupOf(r, p);
    const slots = this.slots[r];
    for (let s = this.start[g]; s < this.start[g + 1]; s++) {
      const x = slots[s];
      if (
        x !== p &&
        (this.meet.get(p, x) > 1 || (this.history !== null && this.history.get(p, x) >= HISTORY_CONFLICT))
      )
        return true;
    }
    return false;
  }

  /** Every (round, person) in conflict from round `from` on, encoded r·n + p. */
  conflicts(from = 0): number[] {
    const found: number[] = [];
    for (let r = from; r < this.active; r++) {
      for (let p = 0; p < this.n; p++) if (this.conflicted(r, p)) found.push(r * this.n + p);
    }
    return found;
  }

  /** Total cost of the planned rounds (repeat penalties of pairs met in them, plus pair costs). */
  cost(): number {
    let total = 0;
    for (let r = 0; r < this.active; r++) {
      const slots = this.slots[r];
      for (let g = 0; g < this.groups; g++) {
        for (let a = this.start[g]; a < this.start[g + 1]; a++) {
          for (let b = a + 1; b < this.start[g + 1]; b++) {
            const i = slots[a];
            const j = slots[b];
            const m = this.meet.get(i, j);
            total += this.pairCost(r, i, j);
            // A pair's penalty is shared out over its planned meetings so it counts once.
            if (m > 1) total += (REPEAT_COST * growth(m)) / (m - this.base.get(i, j));
          }
        }
      }
    }
    return total;
  }

  private moveMeeting(leaver: number, joiner: number, x: number): void {
    this.meet.add(leaver, x, -1);
    this.meet.add(joiner, x, 1);
  }

  private countGroup(r: number, g: number): void {
    const slots = this.slots[r];
    for (let a = this.start[g]; a < this.start[g + 1]; a++) {
      for (let b = a + 1; b < this.start[g + 1]; b++) this.meet.add(slots[a], slots[b], 1);
    }
  }
}
