/** The grouping engine's refusals as localized domain errors (mapped once, here). */
import { DomainError } from '../../errors.js';
import { isGroupingError, MIN_GROUP_SIZE, MAX_GROUP_SIZE, MAX_ROUNDS } from '../grouping/index.js';

/** Runs `fn`; a GroupingError becomes the matching DomainError, anything else passes through. */
export function mappingGroupingErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!isGroupingError(error)) throw error;
    switch (error.code) {
      case 'TOO_FEW_PARTICIPANTS':
        throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.tooFew', {
          count: Number(error.details.count ?? 0),
        });
      case 'INVALID_GROUP_SIZE':
        throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.groupSize', {
          min: MIN_GROUP_SIZE,
          max: MAX_GROUP_SIZE,
        });
      case 'INVALID_ROUNDS':
        throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.rounds', { max: MAX_ROUNDS });
      case 'TOO_MANY_PARTICIPANTS':
        throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.tooMany', {
          max: Number(error.details.maximum ?? 0),
        });
      default:
        throw error;
    }
  }
}
