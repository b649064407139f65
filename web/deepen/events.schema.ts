/** The events forms through zod, with a localized message per field (web/core/query-schema.ts). */
import { z } from 'zod';
import { parseFields, type FieldSpec } from '../core/query-schema.js';
import { LIMITS } from '../../shared/deepen/events/event-input.js';
import type { EventInput } from '../../shared/deepen/events/event-input.js';

const int = (range: { min: number; max: number }) =>
  z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(range.min).max(range.max));

const EVENT_FIELDS = {
  title: {
    schema: z.string().max(LIMITS.title),
    key: 'deepen.events.error.title',
    vars: { max: LIMITS.title },
  },
  when: { schema: z.string().max(100), key: 'deepen.events.error.unparseable', vars: { value: '' } },
  theme: { schema: z.string().max(40), key: 'deepen.events.error.theme', vars: { value: '' } },
  durationMinutes: {
    schema: int(LIMITS.duration),
    key: 'deepen.events.error.range',
    vars: { fieldKey: 'deepen.events.field.duration', ...LIMITS.duration },
  },
  capacity: {
    schema: int(LIMITS.capacity),
    key: 'deepen.events.error.range',
    vars: { fieldKey: 'deepen.events.field.capacity', ...LIMITS.capacity },
  },
  lobbyChannelId: { schema: z.string().regex(/^\d{17,20}$/), key: 'deepen.events.error.noLobby' },
  repeat: { schema: z.string().max(60), key: 'deepen.events.error.repeat', vars: { value: '' } },
  description: {
    schema: z.string().max(LIMITS.description),
    key: 'deepen.events.error.description',
    vars: { max: LIMITS.description },
  },
  groupSize: {
    schema: int(LIMITS.groupSize),
    key: 'deepen.events.error.range',
    vars: { fieldKey: 'deepen.events.field.groupSize', ...LIMITS.groupSize },
  },
  rounds: {
    schema: int(LIMITS.rounds),
    key: 'deepen.events.error.range',
    vars: { fieldKey: 'deepen.events.field.rounds', ...LIMITS.rounds },
  },
  minutesPerRound: {
    schema: int(LIMITS.minutesPerRound),
    key: 'deepen.events.error.range',
    vars: { fieldKey: 'deepen.events.field.minutesPerRound', ...LIMITS.minutesPerRound },
  },
  strategy: {
    schema: z.string().max(100),
    key: 'deepen.events.error.strategy',
    vars: { value: '', allowed: '' },
  },
} satisfies Record<string, FieldSpec<unknown>>;

/** Reads the create/edit form; `values` keep what was typed, to show the form again. */
export function parseEventForm(body: Record<string, unknown>) {
  const { values, issues } = parseFields(EVENT_FIELDS, body);
  const hasMixer =
    values.groupSize !== undefined || values.rounds !== undefined || values.minutesPerRound !== undefined;
  const input: EventInput = {
    title: values.title ?? '',
    when: values.when ?? '',
    theme: values.theme ?? null,
    durationMinutes: values.durationMinutes ?? null,
    capacity: values.capacity ?? null,
    lobbyChannelId: values.lobbyChannelId ?? null,
    repeat: values.repeat ?? null,
    description: values.description ?? null,
    mixer: hasMixer
      ? {
          groupSize: values.groupSize ?? null,
          rounds: values.rounds ?? null,
          minutesPerRound: values.minutesPerRound ?? null,
          strategy: values.strategy ?? null,
        }
      : null,
  };
  return { input, issues, values };
}

export const OCCURRENCE_ID = z.string().regex(/^[a-f0-9]{24}$/);

/** The edit form's checkboxes (a browser sends "on", or nothing when unticked). */
export const EDIT_FLAGS = z.object({
  noCapacity: z.literal('on').optional(),
  clearDescription: z.literal('on').optional(),
  stopRepeating: z.literal('on').optional(),
});

/** The cancel form: this occurrence, or the whole series. */
export const CANCEL_SCOPE = z.object({ scope: z.enum(['occurrence', 'series']) });
