/**
 * Public shapes of the grouping engine. Plain data only, so a mixer run can be stored as it
 * is and replanned later by another worker.
 */

/** The profile attributes a round can group by (`lifeStage` and `interests` hold several tags). */
export const ATTRIBUTE_KEYS = [
  'industry',
  'ageBand',
  'lifeStage',
  'leaveYear',
  'tenure',
  'region',
  'newGraduate',
  'interests',
] as const;
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

/** One person in the mixer; a missing, empty string or empty list means "no answer". */
export interface Participant {
  id: string;
  attributes: Partial<Record<AttributeKey, string | readonly string[]>>;
}

/** `shared`: put people with the same value together; `mixed`: spread every attribute. */
export type RoundStrategy = { kind: 'shared'; attribute: AttributeKey } | { kind: 'mixed' };

/** How often two people met in earlier mixers, and when last. */
export interface PairHistoryEntry {
  a: string;
  b: string;
  count: number;
  lastMetAt: Date;
}

export interface PlanInput {
  participants: readonly Participant[];
  /** Wanted people per group, 3–6 (see `groupSizes` for when a group gets one more). */
  groupSize: number;
  /** One strategy per round, 1–6 rounds. */
  rounds: readonly RoundStrategy[];
  history?: readonly PairHistoryEntry[];
  /** The instant history recency is measured from; defaults to the newest `lastMetAt`. */
  now?: Date;
  seed: string | number;
}

/** One round: group → participant ids. */
export type RoundGroups = string[][];

export interface RoundStats {
  kind: RoundStrategy['kind'];
  attribute: AttributeKey | null;
  /**
   * Share of within-group pairs that share the round's attribute; for a mixed round, the mean
   * of that share over every attribute someone answered (lower is more mixed).
   */
  sharedShare: number;
}

export interface MixerStats {
  /** Σ over pairs of max(0, meetings − 1). */
  repeatPairs: number;
  /** The most times any one pair meets. */
  maxMeetings: number;
  /** Largest (biggest − smallest group) over the rounds, ignoring emptied groups. */
  sizeSpread: number;
  rounds: RoundStats[];
  /** Pairs from the history who meet again in this mixer. */
  historyPairsReMet: number;
}

export interface MixerPlan {
  groupCount: number;
  /** Group sizes, largest first; every round uses them in this order. */
  sizes: number[];
  /** Round → group → participant ids (members in input order). */
  rounds: RoundGroups[];
  stats: MixerStats;
}
