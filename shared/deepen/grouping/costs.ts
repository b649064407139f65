/**
 * The cost the search minimises, in integer units so that equal costs compare equal (ties are
 * broken at random, and float noise would turn ties into fake improvements).
 *
 * Priorities, highest first: a repeat inside this mixer, a pair who met in an earlier mixer,
 * then the round's attribute goal. Repeats grow steeply with the meeting count, so the search
 * spreads unavoidable repeats (two pairs meeting twice beat one pair meeting three times).
 */
import { shares, type AttributeColumn, type Population, KEY_INDEX } from './population.js';
import { PairHash } from './pair-table.js';
import type { PairHistoryEntry, RoundStrategy } from './types.js';

/** lcm(1…8): a mixed round divides it by the number of answered attributes. */
export const UNIT = 840;
export const REPEAT_COST = 100 * UNIT;
/** A pair who met yesterday once; decays with age, grows with the square root of the count. */
export const HISTORY_COST = 25 * UNIT;
export const HISTORY_HALF_LIFE_DAYS = 30;
/** History weighing at least this much is a conflict the search tries to resolve (~4 months). */
export const HISTORY_CONFLICT = UNIT;
const DAY_MS = 86_400_000;

/** Penalty units of a pair meeting m times in the mixer: 0, 0, 1, 5, 25, … */
const GROWTH = Array.from({ length: 32 }, (_, m) => (m < 2 ? 0 : 5 ** Math.min(m - 2, 8)));
/** Cost change when a pair's count goes m → m + 1 (ADD) or m → m − 1 (REMOVE). */
export const ADD = Float64Array.from(
  GROWTH,
  (_, m) => REPEAT_COST * (GROWTH[Math.min(m + 1, 31)] - GROWTH[m]),
);
export const REMOVE = Float64Array.from(GROWTH, (_, m) =>
  m === 0 ? 0 : REPEAT_COST * (GROWTH[m - 1] - GROWTH[m]),
);
export const growth = (m: number): number => GROWTH[Math.min(m, 31)];

/** What one round rewards: `shared` charges pairs without the value, `mixed` pairs with one. */
export interface RoundModel {
  kind: 'shared' | 'mixed';
  /** The attribute of a shared round, else null. */
  column: AttributeColumn | null;
  /** The attributes a mixed round spreads, and the cost of each one a pair shares. */
  spread: readonly AttributeColumn[];
  spreadCost: number;
  /**
   * A shared round's view of the mixer's other shared attributes: two people who share one of
   * them but not this round's would use up, here, a meeting another round wants.
   */
  others: readonly AttributeColumn[];
  /**
   * Shared round: the cost of a pair without the value (UNIT), and of one who share another
   * shared round's value instead (UNIT + OTHER_SHARED_COST). The planner lowers both for a round
   * that already has more than its part, so the search hands pairs to a weaker shared round.
   */
  missCost: number;
  otherCost: number;
}

/** Cost of a shared-round pair without the round's value who share another shared round's. */
export const OTHER_SHARED_COST = UNIT / 4;

/** Builds the model of each round for this population. */
export function roundModels(pop: Population, strategies: readonly RoundStrategy[]): RoundModel[] {
  const spread = Array.from(pop.answeredKeys, (k) => pop.columns[k]);
  const sharedKeys = new Set(
    strategies.flatMap((s) => (s.kind === 'shared' ? [KEY_INDEX[s.attribute]] : [])),
  );
  const othersThan = (key: number): AttributeColumn[] =>
    [...sharedKeys].filter((k) => k !== key).map((k) => pop.columns[k]);
  // Rounds with the same strategy share one model object, so precomputed costs are shared too.
  const byStrategy = new Map<string, RoundModel>();
  return strategies.map((s) => {
    const key = s.kind === 'shared' ? s.attribute : '';
    let model = byStrategy.get(key);
    if (model === undefined) {
      model =
        s.kind === 'shared'
          ? {
              kind: 'shared',
              column: pop.columns[KEY_INDEX[s.attribute]],
              spread: [],
              spreadCost: 0,
              others: othersThan(KEY_INDEX[s.attribute]),
              missCost: UNIT,
              otherCost: UNIT + OTHER_SHARED_COST,
            }
          : {
              kind: 'mixed',
              column: null,
              spread,
              spreadCost: spread.length ? UNIT / spread.length : 0,
              others: [],
              missCost: 0,
              otherCost: 0,
            };
      byStrategy.set(key, model);
    }
    return model;
  });
}

/**
 * A shared round's model with its attribute costs divided by 2^`halvings` (integers kept, so
 * equal costs still compare equal); mixed models are returned as they are.
 */
export function lightened(model: RoundModel, halvings: number): RoundModel {
  if (model.column === null || halvings <= 0) return model;
  const scale = (cost: number): number => Math.max(1, Math.round(cost / 2 ** halvings));
  return { ...model, missCost: scale(model.missCost), otherCost: scale(model.otherCost) };
}

// Imported functions are read through a getter per call under tsx; the hot path uses a copy.
const share = shares;

/** The attribute part of putting `i` and `j` together in a round of this model. */
export function attributeCost(model: RoundModel, i: number, j: number): number {
  if (model.column !== null) {
    if (share(model.column, i, j)) return 0;
    for (const column of model.others) if (share(column, i, j)) return model.otherCost;
    return model.missCost;
  }
  let cost = 0;
  for (const column of model.spread) if (share(column, i, j)) cost += model.spreadCost;
  return cost;
}

/** Weight of one history entry at `now`: recent and frequent meetings cost more. */
export function historyWeight(entry: PairHistoryEntry, now: Date): number {
  if (entry.count <= 0) return 0;
  const ageDays = Math.max(0, (now.getTime() - entry.lastMetAt.getTime()) / DAY_MS);
  return Math.round(
    HISTORY_COST * Math.sqrt(Math.min(entry.count, 16)) * 2 ** (-ageDays / HISTORY_HALF_LIFE_DAYS),
  );
}

/**
 * History weights by pair for the people present (entries naming someone absent are skipped).
 * Null when nothing weighs, so the inner loop can skip the lookup.
 */
export function compileHistory(
  pop: Population,
  history: readonly PairHistoryEntry[] | undefined,
  now: Date | undefined,
): PairHash | null {
  if (!history?.length) return null;
  const at = now ?? new Date(history.reduce((t, h) => Math.max(t, h.lastMetAt.getTime()), 0));
  const table = new PairHash(history.length);
  for (const entry of history) {
    const a = pop.indexOf.get(entry.a);
    const b = pop.indexOf.get(entry.b);
    const weight = historyWeight(entry, at);
    if (a !== undefined && b !== undefined && a !== b && weight > 0) table.add(a, b, weight);
  }
  return table.size > 0 ? table : null;
}

/**
 * History + attribute cost of every pair for each round model, as n×n matrices (rounds with the
 * same model share one), so small mixers read a cost instead of computing it.
 */
export function denseRoundCosts(
  n: number,
  models: readonly RoundModel[],
  history: PairHash | null,
): Int32Array[] {
  const byModel = new Map<RoundModel, Int32Array>();
  return models.map((model) => {
    let costs = byModel.get(model);
    if (costs === undefined) {
      costs = new Int32Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const c = (history === null ? 0 : history.get(i, j)) + attributeCost(model, i, j);
          costs[i * n + j] = c;
          costs[j * n + i] = c;
        }
      }
      byModel.set(model, costs);
    }
    return costs;
  });
}
