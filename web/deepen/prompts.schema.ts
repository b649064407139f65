/** The prompts forms through zod, with a localized message per field (web/core/query-schema.ts). */
import { z } from 'zod';
import { parseFields, type FieldSpec } from '../core/query-schema.js';
import { PROMPT_MAX_LENGTH, THEME_IDS } from '../../shared/deepen/prompts/index.js';

/** Control characters other than tab and line breaks, which no one types into a prompt. */
const hasControl = (value: string): boolean =>
  [...value].some((c) => {
    const code = c.codePointAt(0)!;
    return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0x7f;
  });

/** Counted in characters as people see them (code points), as the service counts. */
const text = z.string().refine((value) => [...value].length <= PROMPT_MAX_LENGTH && !hasControl(value));

const TEXT: FieldSpec<string> = {
  schema: text,
  key: 'deepen.mixer.prompts.web.badText',
  vars: { max: PROMPT_MAX_LENGTH },
};

const ADD_FIELDS = {
  theme: { schema: z.enum(THEME_IDS), key: 'deepen.mixer.prompts.web.badTheme' },
  text: TEXT,
} satisfies Record<string, FieldSpec<unknown>>;

/** Reads the add form; a missing field is an issue too (parseFields leaves empty ones out). */
export function parseAddForm(body: Record<string, unknown>) {
  const { values, issues } = parseFields(ADD_FIELDS, body);
  if (values.theme === undefined && !issues.some((i) => i.field === 'theme'))
    issues.push({ field: 'theme', key: ADD_FIELDS.theme.key, vars: {} });
  if (values.text === undefined && !issues.some((i) => i.field === 'text'))
    issues.push({ field: 'text', key: TEXT.key, vars: TEXT.vars ?? {} });
  return { values, issues };
}

/** Reads the edit form (the text only: a prompt keeps its theme). */
export function parseEditForm(body: Record<string, unknown>) {
  const { values, issues } = parseFields({ text: TEXT }, body);
  if (values.text === undefined && issues.length === 0)
    issues.push({ field: 'text', key: TEXT.key, vars: TEXT.vars ?? {} });
  return { values, issues };
}

/** Custom prompt ids as the service makes them (`custom-` and 8 hex digits). */
export const PROMPT_ID = z.string().regex(/^custom-[a-f0-9]{8}$/);

/** What the page says after a redirect (`?done=…`). */
export const DONE = z.enum(['added', 'edited', 'deleted']);
