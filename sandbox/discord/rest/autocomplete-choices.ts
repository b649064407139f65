/**
 * The choices of an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (callback type 8), checked as Discord
 * checks them: discord-api-docs, interactions/receiving-and-responding "Autocomplete" (at most 25
 * choices) and application-commands "Application Command Option Choice Structure" (name 1–100
 * characters, value of the option's type, a string value up to 100). Discord's refusal of 26 is
 * `data.choices[BASE_TYPE_MAX_LENGTH]: Must be 25 or fewer in length.` (discordjs/guide #1236).
 */
import {
  ApplicationCommandOptionType,
  Locale,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOptionChoice,
} from 'discord-api-types/v10';

type Issue = { path: (string | number)[]; code: string; message: string };
type Json = Record<string, unknown>;

const LOCALES = new Set<string>(Object.values(Locale));
const MAX_CHOICES = 25;

/** The option being typed (`focused: true`), anywhere under subcommands, or undefined. */
export function focusedOption(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): { name: string; type: ApplicationCommandOptionType } | undefined {
  for (const o of options ?? []) {
    if ((o as { focused?: boolean }).focused) return { name: o.name, type: o.type };
    const inner = focusedOption((o as { options?: APIApplicationCommandInteractionDataOption[] }).options);
    if (inner) return inner;
  }
  return undefined;
}

const badLength = (path: Issue['path'], min: number, max: number): Issue => ({
  path,
  code: 'BASE_TYPE_BAD_LENGTH',
  message: `Must be between ${min} and ${max} in length.`,
});

function text(value: unknown, path: Issue['path'], max: number): Issue[] {
  if (value === undefined || value === null)
    return [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  // Stricter than a coercing server would be: a bot sending a number for a string is a bug to see.
  if (typeof value !== 'string')
    return [{ path, code: 'BASE_TYPE_STRING', message: `Could not interpret "${String(value)}" as string.` }];
  return [...value].length < 1 || [...value].length > max ? [badLength(path, 1, max)] : [];
}

/** A choice value of the focused option's type: integers for INTEGER, numbers for NUMBER. */
function value(v: unknown, type: ApplicationCommandOptionType, path: Issue['path']): Issue[] {
  if (type === ApplicationCommandOptionType.Integer) {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return [];
    return [{ path, code: 'NUMBER_TYPE_COERCE', message: `Value "${String(v)}" is not int.` }];
  }
  if (type === ApplicationCommandOptionType.Number) {
    if (typeof v === 'number' && Number.isFinite(v)) return [];
    return [{ path, code: 'NUMBER_TYPE_COERCE', message: `Value "${String(v)}" is not a valid number.` }];
  }
  return text(v, path, 100);
}

/**
 * The issues of a type 8 callback's `data` for an option of `type` (paths start at `data`), and
 * the choices as stored when there are none.
 */
export function checkAutocompleteChoices(
  data: Json,
  type: ApplicationCommandOptionType,
): { issues: Issue[]; choices: APIApplicationCommandOptionChoice[] } {
  const path = ['data', 'choices'];
  const raw = data.choices;
  if (!Array.isArray(raw))
    return {
      issues: [
        {
          path,
          code: raw === undefined ? 'BASE_TYPE_REQUIRED' : 'BASE_TYPE_LIST',
          message: raw === undefined ? 'This field is required' : 'Must be a list',
        },
      ],
      choices: [],
    };
  if (raw.length > MAX_CHOICES)
    return {
      issues: [{ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CHOICES} or fewer in length.` }],
      choices: [],
    };
  const issues = raw.flatMap((entry: unknown, i) => {
    const c = (entry ?? {}) as Json;
    const at = [...path, i];
    const names = c.name_localizations;
    const localized =
      names && typeof names === 'object'
        ? Object.entries(names as Json).flatMap(([locale, name]) =>
            LOCALES.has(locale)
              ? text(name, [...at, 'name_localizations', locale], 100)
              : [
                  {
                    path: [...at, 'name_localizations', locale],
                    code: 'LOCALE_INVALID',
                    message: `Invalid locale: ${locale}`,
                  },
                ],
          )
        : [];
    return [...text(c.name, [...at, 'name'], 100), ...localized, ...value(c.value, type, [...at, 'value'])];
  });
  return { issues, choices: issues.length ? [] : (raw as APIApplicationCommandOptionChoice[]) };
}
