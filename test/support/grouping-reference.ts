/**
 * A slow reference for the grouping engine's attribute share, for tests and the benchmark only:
 * simulated annealing over whole small mixers (n ≤ ~40) that never accepts a repeat pair and
 * maximises the WORST shared round's share relative to sort-and-chunk's (ties: the total).
 * It answers "how much of sort-and-chunk's share can every shared round keep at once without
 * pairs meeting twice?", which sort-and-chunk itself does not (it gets its share by repeating).
 * Deterministic per seed, step-count budget (no wall time).
 */
import { groupSizes } from '../../shared/deepen/grouping/group-sizes.js';
import { compilePopulation, KEY_INDEX, shares } from '../../shared/deepen/grouping/population.js';
import { Rng } from '../../shared/deepen/grouping/prng.js';
import type {
  AttributeKey,
  Participant,
  RoundGroups,
  RoundStrategy,
} from '../../shared/deepen/grouping/types.js';

function sortKey(p: Participant, attribute: AttributeKey): string {
  const raw = p.attributes[attribute];
  const values = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw].sort();
  return values.length ? values.join(',') : '\uffff';
}

/** The baseline: sort by the attribute (no answer last, ties in input order), cut into the sizes. */
export function sortAndChunk(
  participants: readonly Participant[],
  groupSize: number,
  attribute: AttributeKey,
): RoundGroups {
  const keyed = participants.map((p) => ({ id: p.id, key: sortKey(p, attribute) }));
  const ids = keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((p) => p.id);
  let at = 0;
  return groupSizes(participants.length, groupSize).map((size) => ids.slice(at, (at += size)));
}

export interface ReferenceInput {
  participants: readonly Participant[];
  groupSize: number;
  strategies: readonly RoundStrategy[];
  /** Per round: the share the worst-round ratio is measured against (e.g. sort-and-chunk's); 0 = ignore. */
  targets: readonly number[];
  /** Plans to start from (round → group → ids), e.g. the engine's; a random one is added. */
  starts: readonly RoundGroups[][];
  seed: string | number;
  /** Annealing steps per start. */
  steps?: number;
}

export interface ReferenceResult {
  /** Per round: share of within-group pairs sharing the round's attribute (0 for mixed rounds). */
  shares: number[];
  /** min over rounds with a target of share ÷ target. */
  worstRatio: number;
  repeats: number;
}

interface State {
  slots: Int32Array[];
  shared: Int32Array;
  repeats: number;
}

/** See the file comment. */
export function noRepeatReference(input: ReferenceInput): ReferenceResult {
  const { participants, strategies, targets } = input;
  const pop = compilePopulation(participants);
  const n = pop.n;
  const sizes = groupSizes(n, input.groupSize);
  const start = [0];
  for (const size of sizes) start.push(start[start.length - 1] + size);
  const groupOfSlot = Int32Array.from({ length: n }, (_, s) => start.findIndex((_, g) => s < start[g + 1]));
  const pairsPerRound = sizes.reduce((sum, s) => sum + (s * (s - 1)) / 2, 0);
  const rounds = strategies.length;
  const same = strategies.map((s) => {
    if (s.kind !== 'shared') return null;
    const column = pop.columns[KEY_INDEX[s.attribute]];
    const m = new Uint8Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j && shares(column, i, j)) m[i * n + j] = 1;
    return m;
  });
  // Target pair counts; rounds without one do not count in the worst ratio.
  const goal = targets.map((t, r) => (same[r] === null ? 0 : t * pairsPerRound));
  const score = (shared: Int32Array): number => {
    let worst = Infinity;
    let total = 0;
    for (let r = 0; r < rounds; r++) {
      if (goal[r] <= 0) continue;
      const ratio = shared[r] / goal[r];
      worst = Math.min(worst, ratio);
      total += ratio;
    }
    return worst === Infinity ? 0 : worst + 0.01 * total;
  };
  const rng = new Rng(`reference:${input.seed}`);
  const steps = input.steps ?? 100_000;

  const evaluate = (slots: Int32Array[]): State => {
    const meet = new Uint8Array(n * n);
    const shared = new Int32Array(rounds);
    let repeats = 0;
    slots.forEach((order, r) => {
      for (let g = 0; g < sizes.length; g++) {
        for (let a = start[g]; a < start[g + 1]; a++) {
          for (let b = a + 1; b < start[g + 1]; b++) {
            const i = order[a];
            const j = order[b];
            if (meet[i * n + j]++ >= 1) repeats++;
            meet[j * n + i]++;
            if (same[r]?.[i * n + j]) shared[r]++;
          }
        }
      }
    });
    return { slots, shared, repeats };
  };

  const anneal = (initial: Int32Array[]): State => {
    const slots = initial.map((s) => s.slice());
    const pos = slots.map((order) => {
      const p = new Int32Array(n);
      order.forEach((person, slot) => (p[person] = slot));
      return p;
    });
    const { shared, repeats: startRepeats } = evaluate(slots);
    const meet = new Uint8Array(n * n);
    for (const order of slots)
      for (let g = 0; g < sizes.length; g++)
        for (let a = start[g]; a < start[g + 1]; a++)
          for (let b = a + 1; b < start[g + 1]; b++) {
            meet[order[a] * n + order[b]]++;
            meet[order[b] * n + order[a]]++;
          }
    let repeats = startRepeats;
    const t0 = 0.3;
    const t1 = 0.01;
    // Low enough that the walk passes through repeats between repeat-free plans (tuned on n = 13).
    const penalty = 0.3;
    const value = (): number => score(shared) - penalty * repeats;
    let current = value();
    let best: State = { slots: slots.map((s) => s.slice()), shared: shared.slice(), repeats };
    // Only plans without repeats count as the best (the walk itself may pass through repeats).
    let bestValue = repeats === 0 ? score(shared) : -Infinity;
    for (let step = 0; step < steps; step++) {
      const temperature = t0 * (t1 / t0) ** (step / steps);
      const r = rng.int(rounds);
      const order = slots[r];
      const si = rng.int(n);
      const sj = rng.int(n);
      const g1 = groupOfSlot[si];
      const g2 = groupOfSlot[sj];
      if (g1 === g2) continue;
      const i = order[si];
      const j = order[sj];
      const m = same[r];
      let dRepeats = 0;
      let dShared = 0;
      for (let s = start[g1]; s < start[g1 + 1]; s++) {
        const x = order[s];
        if (x === i) continue;
        dRepeats += (meet[j * n + x] >= 1 ? 1 : 0) - (meet[i * n + x] >= 2 ? 1 : 0);
        if (m !== null) dShared += m[j * n + x] - m[i * n + x];
      }
      for (let s = start[g2]; s < start[g2 + 1]; s++) {
        const y = order[s];
        if (y === j) continue;
        dRepeats += (meet[i * n + y] >= 1 ? 1 : 0) - (meet[j * n + y] >= 2 ? 1 : 0);
        if (m !== null) dShared += m[i * n + y] - m[j * n + y];
      }
      shared[r] += dShared;
      const next = score(shared) - penalty * (repeats + dRepeats);
      const delta = next - current;
      if (delta < 0 && rng.next() >= Math.exp(delta / temperature)) {
        shared[r] -= dShared;
        continue;
      }
      for (let s = start[g1]; s < start[g1 + 1]; s++) {
        const x = order[s];
        if (x === i) continue;
        meet[i * n + x]--;
        meet[x * n + i]--;
        meet[j * n + x]++;
        meet[x * n + j]++;
      }
      for (let s = start[g2]; s < start[g2 + 1]; s++) {
        const y = order[s];
        if (y === j) continue;
        meet[j * n + y]--;
        meet[y * n + j]--;
        meet[i * n + y]++;
        meet[y * n + i]++;
      }
      order[si] = j;
      order[sj] = i;
      pos[r][i] = sj;
      pos[r][j] = si;
      repeats += dRepeats;
      current = next;
      if (repeats === 0 && current > bestValue) {
        bestValue = current;
        best = { slots: slots.map((s) => s.slice()), shared: shared.slice(), repeats };
      }
    }
    return best;
  };

  const toSlots = (plan: RoundGroups[]): Int32Array[] =>
    plan.map((groups) => {
      const order = new Int32Array(n);
      groups.forEach((group, g) => group.forEach((id, t) => (order[start[g] + t] = pop.indexOf.get(id)!)));
      return order;
    });
  const randomSlots = (): Int32Array[] =>
    Array.from({ length: rounds }, () => rng.shuffle(Int32Array.from({ length: n }, (_, p) => p)));
  const randoms = Array.from({ length: 2 }, randomSlots);
  const candidates = [...input.starts.map(toSlots), ...randoms].map(anneal);
  const pick = candidates.reduce((a, b) =>
    b.repeats < a.repeats || (b.repeats === a.repeats && score(b.shared) > score(a.shared)) ? b : a,
  );
  const worst = Math.min(...goal.flatMap((g, r) => (g > 0 ? [pick.shared[r] / g] : [])), Infinity);
  return {
    shares: Array.from(pick.shared, (count) => count / pairsPerRound),
    worstRatio: worst === Infinity ? 0 : worst,
    repeats: pick.repeats,
  };
}
