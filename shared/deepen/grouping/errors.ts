/**
 * The engine stays free of the i18n catalogue, so it throws its own typed error and the deepen
 * service maps each code to a localized DomainError once.
 */

export type GroupingErrorCode =
  | 'TOO_FEW_PARTICIPANTS'
  | 'TOO_MANY_PARTICIPANTS'
  | 'INVALID_GROUP_SIZE'
  | 'INVALID_ROUNDS'
  | 'DUPLICATE_PARTICIPANT'
  | 'UNKNOWN_PARTICIPANT'
  | 'INVALID_ROUND_INDEX';

export class GroupingError extends Error {
  override readonly name = 'GroupingError';

  /**
   * @param code what was wrong, for the caller to switch on
   * @param details the offending values (counts, ids), for the localized message
   */
  constructor(
    readonly code: GroupingErrorCode,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(`${code} ${JSON.stringify(details)}`);
  }
}

/** True for refusals from the grouping engine. */
export function isGroupingError(error: unknown): error is GroupingError {
  return error instanceof GroupingError;
}
