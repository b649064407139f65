/**
 * Application command bodies, validated as Discord validates them (discord-api-docs,
 * interactions/application-commands: "Application Command Naming", the command, option and
 * choice structures, and "Localization"). Issues become 400 50035 Invalid Form Body with the
 * field path, as Discord answers.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, Locale } from 'discord-api-types/v10';

export type Issue = { path: (string | number)[]; code: string; message: string };
type Json = Record<string, unknown>;
type Path = (string | number)[];

/**
 * Discord's rule for CHAT_INPUT command and option names (which must also be lowercase where
 * the script has case). The docs' regex also lists U+0027, but the API refuses it
 * (discord-api-docs issue #7371), so the emulator does too.
 */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES = new Set<string>(Object.values(Locale));
const INVALID_NAME = { code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' };

/** Validates one command body; `at` prefixes the error paths (the index in a bulk overwrite). */
export function validateCommand(body: unknown, at: Path = []): Issue[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: at, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }];
  }
  const b = body as Json;
  const issues: Issue[] = [];
  const type = b.type ?? ApplicationCommandType.ChatInput;
  if (![1, 2, 3, 4].includes(type as number)) issues.push(choice([...at, 'type'], [1, 2, 3, 4]));
  const chatInput = type === ApplicationCommandType.ChatInput;
  issues.push(...validateName(b.name, [...at, 'name'], chatInput));
  if (chatInput) issues.push(...lengthCheck(b.description, [...at, 'description'], 1, 100));
  issues.push(...commandNameLocalizations(b.name_localizations, [...at, 'name_localizations'], chatInput));
  issues.push(
    ...validateLocalizations(b.description_localizations, [...at, 'description_localizations'], (v, p) =>
      lengthCheck(v, p, 1, 100),
    ),
  );
  if (b.options !== undefined && b.options !== null) {
    if (!chatInput)
      issues.push({
        path: [...at, 'options'],
        code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        message: 'Only chat input commands may have options',
      });
    else issues.push(...validateOptions(b.options, [...at, 'options'], 0));
  }
  // The size is judged on a body whose parts are each valid (a broken one is reported as such).
  if (chatInput && issues.length === 0 && commandSize(b) > MAX_COMMAND_SIZE)
    issues.push({
      path: at,
      code: 'APPLICATION_COMMAND_TOO_LARGE',
      message: `Command exceeds maximum size (${MAX_COMMAND_SIZE})`,
    });
  return issues;
}

/**
 * discord-api-docs, interactions/application-commands, "Slash Commands": "a maximum of 8000
 * characters for combined name, description, and value properties for each command, its options
 * (including subcommands and groups), and choices. When localization fields are present, only the
 * longest localization for each field (including the default value) is counted" — the refusal is
 * 50035 with `APPLICATION_COMMAND_TOO_LARGE` "Command exceeds maximum size (8000)" at the command
 * (developers/reference, "Request Error"; older docs said 4000).
 */
export const MAX_COMMAND_SIZE = 8000;

/** A slash command's size as Discord counts it (characters, the longest localization per field). */
export function commandSize(body: Json): number {
  const length = (text: unknown) =>
    typeof text === 'string' ? [...text].length : typeof text === 'number' ? String(text).length : 0;
  const longest = (text: unknown, localized: unknown) =>
    Math.max(length(text), ...Object.values(dictionary(localized) ?? {}).map(length));
  const field = (o: Json, key: 'name' | 'description') => longest(o[key], o[`${key}_localizations`]);
  const options = (list: unknown): number =>
    (Array.isArray(list) ? (list as Json[]) : []).reduce(
      (sum, o) =>
        sum +
        field(o, 'name') +
        field(o, 'description') +
        (Array.isArray(o.choices) ? (o.choices as Json[]) : []).reduce(
          (n, c) => n + field(c, 'name') + length(c.value),
          0,
        ) +
        options(o.options),
      0,
    );
  return field(body, 'name') + field(body, 'description') + options(body.options);
}

/**
 * A command's own localized names: an unknown locale or a bad length is reported at its key,
 * but a name the regex refuses at the dictionary itself (`0.name_localizations._errors`), as Discord answers
 * (discord-api-docs issue #7712); options' names are reported per locale.
 */
function commandNameLocalizations(value: unknown, path: Path, chatInput: boolean): Issue[] {
  const issues = validateLocalizations(value, path, (v, p) => validateName(v, p, chatInput));
  const rest = issues.filter((i) => i.code !== INVALID_NAME.code);
  return rest.length < issues.length ? [...rest, { path, ...INVALID_NAME }] : rest;
}

/** The option types `autocomplete` applies to (discord-api-docs, application-commands, option structure). */
const AUTOCOMPLETE_TYPES: readonly number[] = [
  ApplicationCommandOptionType.String,
  ApplicationCommandOptionType.Integer,
  ApplicationCommandOptionType.Number,
];

/**
 * discord-api-docs (application-commands, option structure): `autocomplete` is for STRING,
 * INTEGER and NUMBER only, and "may not be set to true if `choices` are present". Discord answers
 * 50035 at `options.N.autocomplete` (discord-api-docs issue #4359 shows the path); the `code`
 * strings are the emulator's names, Discord's exact ones are not documented.
 */
function autocompleteIssues(o: Json, type: number, p: Path): Issue[] {
  if (o.autocomplete !== true) return [];
  if (!AUTOCOMPLETE_TYPES.includes(type))
    return [
      {
        path: [...p, 'autocomplete'],
        code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID',
        message: 'Autocomplete cannot be configured for this type of option',
      },
    ];
  if (Array.isArray(o.choices) && o.choices.length > 0)
    return [
      {
        path: [...p, 'autocomplete'],
        code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES',
        message: 'Autocomplete and choices cannot both be set',
      },
    ];
  return [];
}

function validateOptions(options: unknown, at: Path, depth: number): Issue[] {
  if (!Array.isArray(options)) return [{ path: at, code: 'BASE_TYPE_LIST', message: 'Must be a list' }];
  if (options.length > 25)
    return [{ path: at, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }];
  const issues: Issue[] = [];
  const names = new Set<string>();
  let optionalSeen = false;
  options.forEach((raw, i) => {
    const o = (raw ?? {}) as Json;
    const p = [...at, i];
    const type = o.type as number;
    if (typeof type !== 'number' || type < 1 || type > 11)
      issues.push(choice([...p, 'type'], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    issues.push(...validateName(o.name, [...p, 'name'], true));
    issues.push(...lengthCheck(o.description, [...p, 'description'], 1, 100));
    issues.push(
      ...validateLocalizations(o.name_localizations, [...p, 'name_localizations'], (v, q) =>
        validateName(v, q, true),
      ),
    );
    issues.push(
      ...validateLocalizations(o.description_localizations, [...p, 'description_localizations'], (v, q) =>
        lengthCheck(v, q, 1, 100),
      ),
    );
    if (typeof o.name === 'string') {
      if (names.has(o.name))
        issues.push({
          path: [...p, 'name'],
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
      names.add(o.name);
    }
    if (o.required === true && optionalSeen) {
      issues.push({
        path: [...p, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (o.required !== true) optionalSeen = true;
    if (o.choices !== undefined && o.choices !== null) issues.push(...validateChoices(o.choices, type, p));
    issues.push(...autocompleteIssues(o, type, p));
    const nested =
      type === ApplicationCommandOptionType.Subcommand ||
      type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested && depth >= (type === ApplicationCommandOptionType.SubcommandGroup ? 1 : 2)) {
      issues.push({
        path: [...p, 'type'],
        code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        message: 'Sub-command and sub-command group option types are mutually exclusive to all other types',
      });
    } else if (nested && o.options !== undefined) {
      issues.push(...validateOptions(o.options, [...p, 'options'], depth + 1));
    }
  });
  issues.push(...localizedNameClashes(options as Json[], at));
  return issues;
}

/**
 * "Localized option names … must be distinct from all other default option names of that
 * command, as well as all other option names within that locale" (Localization): a sibling's
 * default name or its name in the same locale. A value equal to the option's own default is
 * ignored by Discord, so it clashes with nothing. The code is the one Discord uses for
 * duplicate default names.
 */
function localizedNameClashes(options: Json[], at: Path): Issue[] {
  const issues: Issue[] = [];
  const localized = options.map((o) => dictionary(o?.name_localizations));
  options.forEach((o, i) => {
    for (const [locale, name] of Object.entries(localized[i] ?? {})) {
      if (typeof name !== 'string' || name === o?.name) continue;
      const clash = options.some(
        (other, j) => j !== i && (other?.name === name || localized[j]?.[locale] === name),
      );
      if (clash)
        issues.push({
          path: [...at, i, 'name_localizations', locale],
          code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          message: 'Option names must be unique',
        });
    }
  });
  return issues;
}

/** Choices (Application Command Option Choice Structure): at most 25, names 1–100, string values ≤ 100. */
function validateChoices(choices: unknown, type: number, at: Path): Issue[] {
  const path = [...at, 'choices'];
  if (!Array.isArray(choices)) return [{ path, code: 'BASE_TYPE_LIST', message: 'Must be a list' }];
  if (choices.length > 25)
    return [{ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }];
  return choices.flatMap((raw, i) => {
    const c = (raw ?? {}) as Json;
    const p = [...path, i];
    const issues = [
      ...lengthCheck(c.name, [...p, 'name'], 1, 100),
      ...validateLocalizations(c.name_localizations, [...p, 'name_localizations'], (v, q) =>
        lengthCheck(v, q, 1, 100),
      ),
    ];
    if (type === ApplicationCommandOptionType.String)
      issues.push(...lengthCheck(c.value, [...p, 'value'], 1, 100));
    else if (typeof c.value !== 'number')
      issues.push({ path: [...p, 'value'], code: 'NUMBER_TYPE_COERCE', message: 'Value is not a number.' });
    return issues;
  });
}

function validateName(value: unknown, path: Path, lowercase: boolean): Issue[] {
  if (typeof value !== 'string')
    return [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  if (value.length < 1 || value.length > 32) return [badLength(path, 1, 32)];
  if (lowercase && (!NAME.test(value) || value !== value.toLowerCase())) return [{ path, ...INVALID_NAME }];
  return [];
}

function lengthCheck(value: unknown, path: Path, min: number, max: number): Issue[] {
  if (typeof value !== 'string')
    return [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  return value.length < min || value.length > max ? [badLength(path, min, max)] : [];
}

function dictionary(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function validateLocalizations(value: unknown, path: Path, check: (v: unknown, p: Path) => Issue[]): Issue[] {
  if (value === undefined || value === null) return [];
  const table = dictionary(value);
  if (!table)
    return [{ path, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }];
  return Object.entries(table).flatMap(([locale, text]) =>
    LOCALES.has(locale)
      ? check(text, [...path, locale])
      : [{ path: [...path, locale], code: 'LOCALE_INVALID', message: `Invalid locale: ${locale}` }],
  );
}

const badLength = (path: Path, min: number, max: number): Issue => ({
  path,
  code: 'BASE_TYPE_BAD_LENGTH',
  message: `Must be between ${min} and ${max} in length.`,
});
const choice = (path: Path, values: number[]): Issue => ({
  path,
  code: 'BASE_TYPE_CHOICES',
  message: `Value must be one of {${values.join(', ')}}.`,
});
