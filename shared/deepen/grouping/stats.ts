/**
 * Figures of a plan, for the organiser's dashboard, the tests and the benchmark. They work on
 * any plan (also random or sorted baselines), not only on the engine's.
 */
import { PairCounts } from './pair-table.js';
import { compilePopulation, KEY_INDEX, shares, type AttributeColumn, type Population } from './population.js';
import type { MixerStats, Participant, PairHistoryEntry, RoundStats, RoundStrategy } from './types.js';

export interface StatsContext {
  participants: readonly Participant[];
  strategies: readonly RoundStrategy[];
  history?: readonly PairHistoryEntry[];
}

type IndexRounds = readonly (readonly (readonly number[])[])[];

function pairShare(groups: readonly (readonly number[])[], column: AttributeColumn): number {
  let pairs = 0;
  let shared = 0;
  for (const group of groups) {
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++) {
        pairs++;
        if (shares(column, group[a], group[b])) shared++;
      }
    }
  }
  return pairs === 0 ? 0 : shared / pairs;
}

function roundStats(
  pop: Population,
  groups: readonly (readonly number[])[],
  strategy: RoundStrategy,
): RoundStats {
  if (strategy.kind === 'shared') {
    const share = pairShare(groups, pop.columns[KEY_INDEX[strategy.attribute]]);
    return { kind: 'shared', attribute: strategy.attribute, sharedShare: share };
  }
  const keys = Array.from(pop.answeredKeys);
  const mean = keys.reduce((sum, k) => sum + pairShare(groups, pop.columns[k]), 0) / Math.max(1, keys.length);
  return { kind: 'mixed', attribute: null, sharedShare: mean };
}

function sizeSpread(rounds: IndexRounds): number {
  let spread = 0;
  for (const groups of rounds) {
    const sizes = groups.map((g) => g.length).filter((s) => s > 0);
    if (sizes.length > 0) spread = Math.max(spread, Math.max(...sizes) - Math.min(...sizes));
  }
  return spread;
}

/** Stats of a plan given as participant indices of `pop`. */
export function statsOfIndices(
  pop: Population,
  rounds: IndexRounds,
  strategies: readonly RoundStrategy[],
  history: readonly PairHistoryEntry[] = [],
): MixerStats {
  const meet = PairCounts.create(pop.n);
  let occurrences = 0;
  let distinct = 0;
  let maxMeetings = 0;
  for (const groups of rounds) {
    for (const group of groups) {
      for (let a = 0; a < group.length; a++) {
        for (let b = a + 1; b < group.length; b++) {
          meet.add(group[a], group[b], 1);
          const m = meet.get(group[a], group[b]);
          occurrences++;
          if (m === 1) distinct++;
          maxMeetings = Math.max(maxMeetings, m);
        }
      }
    }
  }
  const seen = new Set<string>();
  let historyPairsReMet = 0;
  for (const entry of history) {
    const a = pop.indexOf.get(entry.a);
    const b = pop.indexOf.get(entry.b);
    if (a === undefined || b === undefined || a === b || entry.count <= 0) continue;
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (meet.get(a, b) > 0) historyPairsReMet++;
  }
  return {
    repeatPairs: occurrences - distinct,
    maxMeetings,
    sizeSpread: sizeSpread(rounds),
    rounds: rounds.map((groups, r) => roundStats(pop, groups, strategies[r] ?? { kind: 'mixed' })),
    historyPairsReMet,
  };
}

/**
 * Stats of a plan given as participant ids (round → group → ids). Ids missing from
 * `participants` (people who left) count for meetings and as "no answer" for attributes.
 */
export function mixerStats(
  rounds: readonly (readonly (readonly string[])[])[],
  context: StatsContext,
): MixerStats {
  const known = new Set(context.participants.map((p) => p.id));
  const extra = new Set<string>();
  for (const groups of rounds) for (const g of groups) for (const id of g) if (!known.has(id)) extra.add(id);
  const pop = compilePopulation([
    ...context.participants,
    ...[...extra].map((id) => ({ id, attributes: {} })),
  ]);
  const indexRounds = rounds.map((groups) => groups.map((g) => g.map((id) => pop.indexOf.get(id)!)));
  return statsOfIndices(pop, indexRounds, context.strategies, context.history);
}
