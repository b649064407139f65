/**
 * Typed domain errors. Services throw these; adapters (bot, web, jobs) turn them into a
 * localized answer with `localizeError(locale, error)` and never show `message`.
 * Convention: a var whose name ends in `Key` holds an i18n key (e.g. a field label); it is
 * translated and passed to the message without the suffix (`fieldKey` → `{field}`).
 */
import { t, type Locale, type Vars } from '../i18n/index.js';

/** Every error code a service may throw. Adapters may switch on these. */
export const DOMAIN_ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'RELAY_SELF',
  'RELAY_BOT',
  'RELAY_NOMINEE_LEFT',
  'RELAY_ALREADY_INTRODUCED',
  'RELAY_ALREADY_NOMINATED',
  'RELAY_NOT_HOLDER',
  'RELAY_DISABLED',
  'ROLE_LIMIT_REACHED',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** One problem with one input field (validation can report several at once). */
export interface FieldIssue {
  field: string;
  i18nKey: string;
  vars: Vars;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';

  /**
   * @param code machine-readable code
   * @param i18nKey catalogue key of the user-facing message
   * @param vars placeholder values for the message
   * @param issues per-field problems when several inputs were wrong
   */
  constructor(
    readonly code: DomainErrorCode,
    readonly i18nKey: string,
    readonly vars: Vars = {},
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(`${code}: ${i18nKey}${Object.keys(vars).length ? ` ${JSON.stringify(vars)}` : ''}`);
  }
}

/** True for errors thrown by a service (as opposed to bugs and infrastructure faults). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Throws INVALID_INPUT carrying every issue, the first one as the headline message. */
export function throwIfIssues(issues: FieldIssue[]): void {
  const [first] = issues;
  if (first) throw new DomainError('INVALID_INPUT', first.i18nKey, first.vars, issues);
}

/** The user-facing text of a domain error in `locale` (vars named `…Key` are translated first). */
export function localizeError(locale: Locale, error: DomainError): string {
  return t(locale, error.i18nKey, localizeVars(locale, error.vars));
}

/** The user-facing text of one field issue in `locale`. */
export function localizeIssue(locale: Locale, issue: FieldIssue): string {
  return t(locale, issue.i18nKey, localizeVars(locale, issue.vars));
}

function localizeVars(locale: Locale, vars: Vars): Vars {
  const out: Vars = {};
  for (const [name, value] of Object.entries(vars)) {
    if (name.endsWith('Key') && typeof value === 'string') out[name.slice(0, -3)] = t(locale, value);
    else out[name] = value;
  }
  return out;
}
