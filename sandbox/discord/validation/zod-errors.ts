/**
 * Turns zod issues into Discord's 50035 `errors` tree, with Discord's error codes and messages
 * (`BASE_TYPE_MAX_LENGTH` "Must be 1024 or fewer in length.", `BASE_TYPE_REQUIRED`, …).
 */
import { errorTree, Errors, type DiscordApiError } from '../errors.js';

export interface FormIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

/** The subset of a zod v4 issue the converter reads (zod and zod/mini share it). */
interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
  input?: unknown;
  format?: string;
  values?: unknown[];
  errors?: ZodIssueLike[][];
  message: string;
}

const TYPE_CODES: Record<string, string> = {
  string: 'STRING_TYPE_CONVERT',
  number: 'NUMBER_TYPE_COERCE',
  int: 'NUMBER_TYPE_COERCE',
  boolean: 'BOOLEAN_TYPE_CONVERT',
  object: 'DICT_TYPE_CONVERT',
  array: 'LIST_TYPE_CONVERT',
};

function isTypeMismatch(issue: ZodIssueLike): boolean {
  return (
    issue.path.length === 1 &&
    issue.path[0] === 'type' &&
    (issue.code === 'invalid_value' || issue.code === 'invalid_type')
  );
}

function convert(issue: ZodIssueLike, prefix: (string | number)[]): FormIssue[] {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'too_big':
      return [
        sized
          ? { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${issue.maximum} or fewer in length.` }
          : {
              path,
              code: 'NUMBER_TYPE_MAX',
              message: `int value should be less than or equal to ${issue.maximum}.`,
            },
      ];
    case 'too_small':
      return [
        sized
          ? { path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${issue.minimum} or more in length.` }
          : {
              path,
              code: 'NUMBER_TYPE_MIN',
              message: `int value should be greater than or equal to ${issue.minimum}.`,
            },
      ];
    case 'invalid_type':
      if (issue.input === undefined)
        return [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
      return [
        {
          path,
          code: TYPE_CODES[issue.expected ?? ''] ?? 'BASE_TYPE_BAD_TYPE',
          message: `Value "${String(issue.input)}" is not ${issue.expected}.`,
        },
      ];
    case 'invalid_value':
      return [
        {
          path,
          code: 'ENUM_TYPE_COERCE',
          message: `Value "${String(issue.input)}" is not a valid enum value.`,
        },
      ];
    case 'invalid_format':
      return [
        issue.format === 'url'
          ? { path, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }
          : issue.format === 'datetime'
            ? {
                path,
                code: 'DATE_TYPE_PARSE',
                message: `Could not parse ${String(issue.input)}. Should be ISO8601.`,
              }
            : { path, code: 'STRING_TYPE_REGEX', message: `String value did not match validation regex.` },
      ];
    case 'invalid_union': {
      // Pick the branch whose `type` matched (components, embeds): report its own problems.
      const branches = (issue.errors ?? []).filter((branch) => !branch.some(isTypeMismatch));
      if (branches.length === 1) return branches[0]!.flatMap((i) => convert(i, path));
      return [
        {
          path,
          code: 'UNION_TYPE_CHOICES',
          message: 'Value of field "type" must be one of the allowed types.',
        },
      ];
    }
    default:
      return [{ path, code: 'BASE_TYPE_INVALID', message: issue.message }];
  }
}

/** Converts zod issues to flat form issues. */
export function formIssues(issues: readonly unknown[]): FormIssue[] {
  return (issues as ZodIssueLike[]).flatMap((i) => convert(i, []));
}

/** The 50035 error for a list of issues. */
export function invalidForm(issues: FormIssue[]): DiscordApiError {
  return Errors.invalidFormBody(errorTree(issues));
}

/** A parse-able schema (zod or zod/mini). */
export interface SafeParser {
  safeParse(
    input: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: readonly unknown[] } };
}

/** Parses with a schema; collects issues instead of throwing. */
export function collect(schema: SafeParser, input: unknown): { data: unknown; issues: FormIssue[] } {
  const result = schema.safeParse(input);
  return result.success
    ? { data: result.data, issues: [] }
    : { data: input, issues: formIssues(result.error.issues) };
}
