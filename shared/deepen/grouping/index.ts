/**
 * The grouping engine of themed voice mixers (deepen step): participants with profile
 * attributes, pair history and a strategy per round in; groups for every round out.
 * Pure TypeScript: no discord.js, no database, no I/O, deterministic for a seed.
 */
export * from './types.js';
export { GroupingError, isGroupingError, type GroupingErrorCode } from './errors.js';
export { groupSizes, socialGolferBound, MIN_GROUP_SIZE, MAX_GROUP_SIZE } from './group-sizes.js';
export { planMixer, MAX_ROUNDS } from './plan-mixer.js';
export { mixerStats, type StatsContext } from './stats.js';
export { historyWeight, HISTORY_HALF_LIFE_DAYS } from './costs.js';
export { sampleParticipants } from './sample-participants.js';
export { startMixer, advanceRound, replanFrom, type MixerState } from './mixer-state.js';
export { addLateJoiner, type GroupMove } from './late-joiner.js';
export { removeLeaver } from './leaver.js';
