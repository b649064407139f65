/**
 * Per-pair numbers (meetings in this mixer, history weights). A dense n×n byte matrix is the
 * fastest lookup and costs 4 MB at 2,000 people; past `DENSE_LIMIT` an open-addressing hash keeps
 * memory proportional to the pairs that actually met.
 */

/** Pair keys pack both indices into 32 bits. */
export const MAX_PARTICIPANTS = 65_535;
const DENSE_LIMIT = 512;
const EMPTY = 0xffffffff;

function pairKey(i: number, j: number): number {
  return i < j ? i * 65536 + j : j * 65536 + i;
}

/** Linear-probing hash from pair key to a number; absent pairs read as 0. */
export class PairHash {
  private keys: Uint32Array;
  private vals: Float64Array;
  private bits: number;
  private used = 0;

  constructor(expected = 16) {
    this.bits = Math.max(4, Math.ceil(Math.log2(expected * 2 + 1)));
    this.keys = new Uint32Array(1 << this.bits).fill(EMPTY);
    this.vals = new Float64Array(1 << this.bits);
  }

  get size(): number {
    return this.used;
  }

  get(i: number, j: number): number {
    const key = pairKey(i, j);
    const mask = (1 << this.bits) - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; s = (s + 1) & mask) {
      const k = this.keys[s];
      if (k === key) return this.vals[s];
      if (k === EMPTY) return 0;
    }
  }

  add(i: number, j: number, delta: number): void {
    const key = pairKey(i, j);
    const mask = (1 << this.bits) - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; s = (s + 1) & mask) {
      const k = this.keys[s];
      if (k === key) {
        this.vals[s] += delta;
        return;
      }
      if (k === EMPTY) {
        this.keys[s] = key;
        this.vals[s] = delta;
        if (++this.used * 2 > mask) this.grow();
        return;
      }
    }
  }

  /** Calls `visit(i, j, value)` for every stored pair. */
  forEach(visit: (i: number, j: number, value: number) => void): void {
    for (let s = 0; s < this.keys.length; s++) {
      const k = this.keys[s];
      if (k !== EMPTY) visit(Math.floor(k / 65536), k % 65536, this.vals[s]);
    }
  }

  clone(): PairHash {
    const copy = new PairHash();
    copy.bits = this.bits;
    copy.used = this.used;
    copy.keys = this.keys.slice();
    copy.vals = this.vals.slice();
    return copy;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.bits++;
    this.used = 0;
    this.keys = new Uint32Array(1 << this.bits).fill(EMPTY);
    this.vals = new Float64Array(1 << this.bits);
    for (let s = 0; s < keys.length; s++) {
      if (keys[s] !== EMPTY) this.add(Math.floor(keys[s] / 65536), keys[s] % 65536, vals[s]);
    }
  }
}

/** How many times each pair meets; symmetric. */
export class PairCounts {
  private constructor(
    readonly n: number,
    private readonly dense: Uint8Array | null,
    private readonly sparse: PairHash | null,
  ) {}

  static create(n: number): PairCounts {
    return n <= DENSE_LIMIT
      ? new PairCounts(n, new Uint8Array(n * n), null)
      : new PairCounts(n, null, new PairHash(n * 16));
  }

  /** The n×n matrix (row i, column j) when counts are dense, else null. */
  get matrix(): Uint8Array | null {
    return this.dense;
  }

  get(i: number, j: number): number {
    return this.dense !== null ? this.dense[i * this.n + j] : this.sparse!.get(i, j);
  }

  add(i: number, j: number, delta: number): void {
    if (this.dense !== null) {
      this.dense[i * this.n + j] += delta;
      this.dense[j * this.n + i] += delta;
    } else this.sparse!.add(i, j, delta);
  }

  clone(): PairCounts {
    return new PairCounts(this.n, this.dense?.slice() ?? null, this.sparse?.clone() ?? null);
  }
}
