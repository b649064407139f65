/**
 * How many groups a round has and how big they are. Every round of a mixer uses the same sizes,
 * so the rooms prepared for round 1 fit every later round.
 */
import { GroupingError } from './errors.js';

export const MIN_GROUP = 3;
export const MIN_GROUP_SIZE = 3;
export const MAX_GROUP_SIZE = 6;

/**
 * Group sizes for `n` people with wanted size `groupSize`, largest first; they differ by at most one.
 *
 * Rule: start from ⌈n / groupSize⌉ groups (at least 2 once n ≥ 6, because a mixer of one room
 * mixes nobody), then drop groups while the smallest would have fewer than 3 people. So a group
 * is larger than `groupSize` only when splitting would leave someone in a group of 2: then by one
 * (groupSize 3 with 7 people → 4 + 3), except 4 or 5 people, who always form one group.
 *
 * @throws GroupingError TOO_FEW_PARTICIPANTS below 3 people
 */
export function groupSizes(n: number, groupSize: number): number[] {
  if (n < MIN_GROUP) throw new GroupingError('TOO_FEW_PARTICIPANTS', { count: n, minimum: MIN_GROUP });
  let groups = Math.max(Math.ceil(n / groupSize), n >= 2 * MIN_GROUP ? 2 : 1);
  while (groups > 1 && Math.floor(n / groups) < MIN_GROUP) groups--;
  const base = Math.floor(n / groups);
  const larger = n % groups;
  return Array.from({ length: groups }, (_, g) => (g < larger ? base + 1 : base));
}

/** The most rounds in which nobody meets twice can exist: ⌊(n − 1) / (k − 1)⌋ for groups of k. */
export function socialGolferBound(n: number, groupSize: number): number {
  return Math.floor((n - 1) / (groupSize - 1));
}
