/**
 * Compiles what every planning call needs from plain input: the population, the cost model of
 * each round, history weights and (for replanning) the meetings of rounds already played.
 */
import { compileHistory, roundModels, type RoundModel } from './costs.js';
import { PairCounts, type PairHash } from './pair-table.js';
import { compilePopulation, type Population } from './population.js';
import type { PairHistoryEntry, Participant, RoundStrategy } from './types.js';

export interface CompiledProblem {
  pop: Population;
  models: RoundModel[];
  base: PairCounts;
  history: PairHash | null;
}

/**
 * @param played rounds already played (ids); only meetings among `participants` count
 */
export function compileProblem(
  participants: readonly Participant[],
  strategies: readonly RoundStrategy[],
  history: readonly PairHistoryEntry[] | undefined,
  now: Date | undefined,
  played: readonly (readonly (readonly string[])[])[] = [],
): CompiledProblem {
  const pop = compilePopulation(participants);
  const base = PairCounts.create(pop.n);
  for (const groups of played) {
    for (const group of groups) {
      const present = group.map((id) => pop.indexOf.get(id)).filter((p) => p !== undefined);
      for (let a = 0; a < present.length; a++)
        for (let b = a + 1; b < present.length; b++) base.add(present[a], present[b], 1);
    }
  }
  return { pop, models: roundModels(pop, strategies), base, history: compileHistory(pop, history, now) };
}
