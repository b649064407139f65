/**
 * What an organiser types to create or edit an event (from /event or the dashboard form), and its
 * checks. Pure: every problem is one field issue with a message key, so both surfaces answer with
 * the same localized text.
 */
import { ATTRIBUTE_KEYS } from '../grouping/types.js';
import { DEFAULT_THEME, isThemeId } from '../prompts/index.js';
import { parseRecurrence } from '../when/index.js';
import type { Recurrence } from '../when/index.js';
import type { FieldIssue } from '../../errors.js';

export const LIMITS = {
  title: 100,
  description: 1000,
  duration: { min: 15, max: 480, default: 60 },
  capacity: { min: 2, max: 500 },
  /** As the mixer takes them (bot/deepen/mixer/flows/start.ts). */
  groupSize: { min: 3, max: 6 },
  rounds: { min: 1, max: 6 },
  minutesPerRound: { min: 3, max: 60 },
} as const;

export const STRATEGIES = ['mixed', ...ATTRIBUTE_KEYS] as const;

export interface MixerInput {
  groupSize?: number | null;
  rounds?: number | null;
  minutesPerRound?: number | null;
  /** "mixed" or an attribute, or several separated by commas (one per round). */
  strategy?: string | null;
}

export interface EventInput {
  title: string;
  when: string;
  theme?: string | null;
  durationMinutes?: number | null;
  lobbyChannelId?: string | null;
  capacity?: number | null;
  description?: string | null;
  /** A recurrence in words ("毎週", "隔週金曜", "第2土曜", "weekdays"); empty = one-off. */
  repeat?: string | null;
  mixer?: MixerInput | null;
}

export interface MixerSettings {
  groupSize: number;
  rounds: number;
  minutesPerRound: number;
  strategies: string[];
}

/** The input with defaults filled in and checked (the fields a series stores). */
export interface CheckedInput {
  title: string;
  theme: string;
  description: string;
  durationMinutes: number;
  lobbyChannelId: string;
  capacity: number | null;
  mixer: MixerSettings | null;
}

const SNOWFLAKE = /^\d{17,20}$/;

function inRange(
  issues: FieldIssue[],
  field: string,
  value: number | null | undefined,
  range: { min: number; max: number },
): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < range.min || value > range.max)
    issues.push({
      field,
      i18nKey: 'deepen.events.error.range',
      vars: { fieldKey: fieldKey(field), ...range },
    });
}

function fieldKey(field: string) {
  switch (field) {
    case 'durationMinutes':
      return 'deepen.events.field.duration' as const;
    case 'capacity':
      return 'deepen.events.field.capacity' as const;
    case 'groupSize':
      return 'deepen.events.field.groupSize' as const;
    case 'rounds':
      return 'deepen.events.field.rounds' as const;
    default:
      return 'deepen.events.field.minutesPerRound' as const;
  }
}

function checkMixer(issues: FieldIssue[], mixer: MixerInput | null | undefined): MixerSettings | null {
  const given = mixer && Object.values(mixer).some((v) => v != null && v !== '');
  if (!given) return null;
  inRange(issues, 'groupSize', mixer.groupSize, LIMITS.groupSize);
  inRange(issues, 'rounds', mixer.rounds, LIMITS.rounds);
  inRange(issues, 'minutesPerRound', mixer.minutesPerRound, LIMITS.minutesPerRound);
  const strategies = (mixer.strategy ?? 'mixed')
    .split(/[,、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = strategies.find((s) => !(STRATEGIES as readonly string[]).includes(s));
  if (unknown !== undefined)
    issues.push({
      field: 'strategy',
      i18nKey: 'deepen.events.error.strategy',
      vars: { value: unknown, allowed: STRATEGIES.join(', ') },
    });
  return {
    groupSize: mixer.groupSize ?? 4,
    rounds: mixer.rounds ?? 3,
    minutesPerRound: mixer.minutesPerRound ?? 10,
    strategies: strategies.length > 0 ? strategies : ['mixed'],
  };
}

/**
 * Checks `input` (the lobby defaulting to the guild's); returns the checked fields and every issue.
 * The time (`when`) and the recurrence are read elsewhere, with the guild's zone.
 */
export function checkEventInput(
  input: EventInput,
  defaults: { lobbyChannelId: string | null },
): { value: CheckedInput; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const title = input.title.trim();
  if (title.length === 0 || title.length > LIMITS.title)
    issues.push({ field: 'title', i18nKey: 'deepen.events.error.title', vars: { max: LIMITS.title } });
  const description = (input.description ?? '').trim();
  if (description.length > LIMITS.description)
    issues.push({
      field: 'description',
      i18nKey: 'deepen.events.error.description',
      vars: { max: LIMITS.description },
    });
  const theme = input.theme?.trim() || DEFAULT_THEME;
  if (!isThemeId(theme))
    issues.push({ field: 'theme', i18nKey: 'deepen.events.error.theme', vars: { value: theme } });
  inRange(issues, 'durationMinutes', input.durationMinutes, LIMITS.duration);
  inRange(issues, 'capacity', input.capacity, LIMITS.capacity);
  const lobbyChannelId = input.lobbyChannelId || defaults.lobbyChannelId || '';
  if (!SNOWFLAKE.test(lobbyChannelId))
    issues.push({ field: 'lobbyChannelId', i18nKey: 'deepen.events.error.noLobby', vars: {} });
  const mixer = checkMixer(issues, input.mixer);
  return {
    value: {
      title,
      theme,
      description,
      durationMinutes: input.durationMinutes ?? LIMITS.duration.default,
      lobbyChannelId,
      capacity: input.capacity ?? null,
      mixer,
    },
    issues,
  };
}

/** The recurrence typed, or null for a one-off event; an issue when the words name none we support. */
export function readRepeat(
  repeat: string | null | undefined,
  startDate: string,
): { recurrence: Recurrence | null; issue?: FieldIssue } {
  const text = repeat?.trim();
  if (!text) return { recurrence: null };
  const recurrence = parseRecurrence(text, startDate);
  if (recurrence) return { recurrence };
  return {
    recurrence: null,
    issue: { field: 'repeat', i18nKey: 'deepen.events.error.repeat', vars: { value: text } },
  };
}
