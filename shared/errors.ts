/**
 * Typed domain errors. Services throw these; each surface maps them once: the interaction error
 * boundary to a localized ephemeral answer, the Express error handler to an HTTP status
 * (`HTTP_STATUS_OF_KIND`) and a localized page, jobs to a log line. Nobody shows `message`.
 * Convention: a var whose name ends in `Key` holds an i18n key (e.g. a field label); it is
 * translated and passed to the message without the suffix (`fieldKey` → `{field}`).
 */
import { t, type Locale, type MessageKey, type Vars } from './i18n/index.js';

/** What kind of refusal an error is; this (not the slice's own code) decides the HTTP status. */
export type DomainErrorKind = 'INVALID_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/** The HTTP status each kind maps to on the web (400, 403, 404, 409). */
export const HTTP_STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  INVALID_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** One problem with one input field (validation can report several at once). */
export interface FieldIssue {
  field: string;
  i18nKey: MessageKey;
  vars: Vars;
}

export interface DomainErrorOptions {
  /** The slice's own machine-readable reason (e.g. `RELAY_SELF`); callers may switch on `code`. */
  reason?: string;
  /** Per-field problems when several inputs were wrong. */
  issues?: readonly FieldIssue[];
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  /** The slice's reason when it gave one, else the kind. */
  readonly code: string;
  readonly issues: readonly FieldIssue[];

  /**
   * @param kind the kind of refusal (decides the HTTP status)
   * @param i18nKey catalogue key of the user-facing message
   * @param vars placeholder values for the message
   */
  constructor(
    readonly kind: DomainErrorKind,
    readonly i18nKey: MessageKey,
    readonly vars: Vars = {},
    options: DomainErrorOptions = {},
  ) {
    super(
      `${options.reason ?? kind}: ${i18nKey}${Object.keys(vars).length ? ` ${JSON.stringify(vars)}` : ''}`,
    );
    this.code = options.reason ?? kind;
    this.issues = options.issues ?? [];
  }
}

/** True for errors thrown by a service (as opposed to bugs and infrastructure faults). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Throws INVALID_INPUT carrying every issue, the first one as the headline message. */
export function throwIfIssues(issues: FieldIssue[]): void {
  const [first] = issues;
  if (first) throw new DomainError('INVALID_INPUT', first.i18nKey, first.vars, { issues });
}

/** The user-facing text of a domain error in `locale` (vars named `…Key` are translated first). */
export function localizeError(locale: Locale, error: DomainError): string {
  return t(locale, error.i18nKey, localizeVars(locale, error.vars));
}

/** The user-facing text of one field issue in `locale`. */
export function localizeIssue(locale: Locale, issue: FieldIssue): string {
  return t(locale, issue.i18nKey, localizeVars(locale, issue.vars));
}

/** A domain error's text: its message, or one bulleted line per field issue when there are several. */
export function describeDomainError(locale: Locale, error: DomainError): string {
  return error.issues.length > 1
    ? error.issues.map((issue) => `• ${localizeIssue(locale, issue)}`).join('\n')
    : localizeError(locale, error);
}

function localizeVars(locale: Locale, vars: Vars): Vars {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (name.endsWith('Key') && typeof value === 'string')
      out[name.slice(0, -3)] = t(locale, value as MessageKey);
    else out[name] = value;
  }
  return out as Vars;
}
