/**
 * Who has the same sort value as whom in a shared round. Swapping two such people keeps the
 * round's share as it is, so the search tries them first when it must break up a repeat.
 */
export class Peers {
  private readonly from: Int32Array;
  private readonly to: Int32Array;

  /**
   * @param sorted everyone, ordered by sort value
   * @param key each person's sort value
   */
  constructor(
    private readonly sorted: Int32Array,
    key: Int32Array,
  ) {
    this.from = new Int32Array(sorted.length);
    this.to = new Int32Array(sorted.length);
    for (let a = 0; a < sorted.length;) {
      let b = a + 1;
      while (b < sorted.length && key[sorted[b]] === key[sorted[a]]) b++;
      for (let t = a; t < b; t++) {
        this.from[sorted[t]] = a;
        this.to[sorted[t]] = b;
      }
      a = b;
    }
  }

  /** A random person with the same value as `p` (maybe `p`); `pick` is in [0, 1). */
  random(p: number, pick: number): number {
    return this.sorted[this.from[p] + Math.floor(pick * (this.to[p] - this.from[p]))];
  }

  /** Everyone with the same value as `p`, as a range of a list. */
  range(p: number): { list: Int32Array; from: number; to: number } {
    return { list: this.sorted, from: this.from[p], to: this.to[p] };
  }
}
