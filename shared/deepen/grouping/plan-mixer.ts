/**
 * `planMixer`: the whole plan of a themed voice mixer, from participants to groups per round.
 */
import { compileProblem } from './problem.js';
import { groupSizes, MAX_GROUP_SIZE, MIN_GROUP_SIZE } from './group-sizes.js';
import { GroupingError } from './errors.js';
import { MAX_PARTICIPANTS } from './pair-table.js';
import { solve } from './planner.js';
import { statsOfIndices } from './stats.js';
import type { MixerPlan, PlanInput } from './types.js';

export const MAX_ROUNDS = 6;

/** Refuses inputs the engine cannot plan, each with its own code. */
export function validateInput(input: Pick<PlanInput, 'groupSize' | 'rounds' | 'participants'>): void {
  const { groupSize, rounds, participants } = input;
  if (!Number.isInteger(groupSize) || groupSize < MIN_GROUP_SIZE || groupSize > MAX_GROUP_SIZE)
    throw new GroupingError('INVALID_GROUP_SIZE', {
      groupSize,
      minimum: MIN_GROUP_SIZE,
      maximum: MAX_GROUP_SIZE,
    });
  if (rounds.length < 1 || rounds.length > MAX_ROUNDS)
    throw new GroupingError('INVALID_ROUNDS', { rounds: rounds.length, minimum: 1, maximum: MAX_ROUNDS });
  if (participants.length > MAX_PARTICIPANTS)
    throw new GroupingError('TOO_MANY_PARTICIPANTS', {
      count: participants.length,
      maximum: MAX_PARTICIPANTS,
    });
}

/**
 * Plans every round of a mixer.
 *
 * Guarantees: group sizes follow `groupSizes` (differ by at most one, none below 3) and are the
 * same in every round; everyone is placed every round, also those without an answer for a
 * round's attribute. The search avoids, in this order: a pair meeting twice in this mixer (none
 * when rounds ≤ ⌊(n − 1)/(k − 1)⌋ and the search finds it; otherwise repeats are spread so the
 * largest meeting count stays lowest), pairs who met in earlier mixers (recent and frequent
 * ones first), then the round's goal: same attribute value together (`shared`) or every
 * attribute spread (`mixed`). Several shared rounds share out the pairs they all want, so the
 * weakest stays near what sorting by its attribute gives (see balance.ts). The same input and
 * seed always give the same plan.
 *
 * @throws GroupingError TOO_FEW_PARTICIPANTS (under 3), INVALID_GROUP_SIZE (not 3–6),
 *   INVALID_ROUNDS (not 1–6), DUPLICATE_PARTICIPANT, TOO_MANY_PARTICIPANTS
 */
export function planMixer(input: PlanInput): MixerPlan {
  validateInput(input);
  const sizes = groupSizes(input.participants.length, input.groupSize);
  const problem = compileProblem(input.participants, input.rounds, input.history, input.now);
  const indexRounds = solve({ ...problem, sizes, seed: input.seed });
  return {
    groupCount: sizes.length,
    sizes,
    rounds: indexRounds.map((groups) => groups.map((g) => g.map((p) => problem.pop.ids[p]))),
    stats: statsOfIndices(problem.pop, indexRounds, input.rounds, input.history),
  };
}
