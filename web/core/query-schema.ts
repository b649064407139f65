/**
 * Query and form input through zod, with localized field errors: each field has a schema and
 * the message key (and vars) shown when it fails. An empty value means "not given"; a repeated
 * parameter or a nested object is never a value we accept.
 */
import { z } from 'zod';
import type { MessageKey, Vars } from '../../shared/i18n/index.js';

export interface FieldIssue<F extends string = string> {
  field: F;
  key: MessageKey;
  vars: Vars;
}

/** One input field: how to read it when present, and what to say when it is wrong. */
export interface FieldSpec<T> {
  schema: z.ZodType<T, string>;
  key: MessageKey;
  vars?: Vars;
}

/** One raw value as a trimmed string, or a marker that fails every schema. */
const single = z.preprocess(
  (value) => (value === undefined ? '' : typeof value === 'string' ? value.trim() : '\u0000invalid'),
  z.string(),
);

/**
 * Reads every field of `specs` from `input`: a value that passes lands in `values`, an empty one
 * is left out, a bad one adds its issue (every bad field is reported, none throws).
 */
export function parseFields<S extends Record<string, FieldSpec<unknown>>>(
  specs: S,
  input: Record<string, unknown>,
): {
  values: { [K in keyof S]?: S[K] extends FieldSpec<infer T> ? T : never };
  issues: FieldIssue<Extract<keyof S, string>>[];
} {
  const values: Record<string, unknown> = {};
  const issues: FieldIssue<Extract<keyof S, string>>[] = [];
  for (const [field, spec] of Object.entries(specs) as [Extract<keyof S, string>, FieldSpec<unknown>][]) {
    const raw = single.parse(input[field]);
    if (raw === '') continue;
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) values[field] = parsed.data;
    else issues.push({ field, key: spec.key, vars: spec.vars ?? {} });
  }
  return { values: values as never, issues };
}
