/**
 * Localized names and descriptions for slash commands. Descriptions come from i18n keys with
 * English as the default (Discord's fallback for every other locale). Command files name
 * subcommands and options in English only (interactions always carry the default names, so
 * handlers read them once); `localizeCommandBody` gives each its Japanese name by its path
 * when the registry builds the bodies it registers.
 */
import type {
  APIApplicationCommandOption,
  APIApplicationCommandOptionChoice,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { catalogue, localizations, t, type Locale, type MessageKey } from '../../shared/i18n/index.js';

/** Command names that have a Japanese name in the catalogue (`bot.command.<name>.name`). */
export type LocalizedCommandName = MessageKey extends infer K
  ? K extends `bot.command.${infer N}.name`
    ? N extends `${string}.${string}`
      ? never // a subcommand's or option's name (`bot.command.event.create.name`)
      : N
    : never
  : never;

/** A description and its localizations, in the shape the command builders take. */
export interface LocalizedDescription {
  description: string;
  descriptionLocalizations: ReturnType<typeof localizations>;
}

/**
 * Description of a command, subcommand or option from an i18n key: English as the default
 * (Discord's fallback for every other locale) plus ja / en-US / en-GB localizations.
 */
export function localizedDescription(key: MessageKey): LocalizedDescription {
  return { description: t('en', key), descriptionLocalizations: localizations(key) };
}

/**
 * Applies `localizedDescription(key)` to any builder with setDescription/setDescriptionLocalizations
 * (commands, subcommands, options) and returns the builder, so it chains inside discord.js callbacks.
 */
export function describe<
  B extends { setDescription(d: string): B; setDescriptionLocalizations(l: Record<string, string>): B },
>(builder: B, key: MessageKey): B {
  const text = localizedDescription(key);
  return builder.setDescription(text.description).setDescriptionLocalizations(text.descriptionLocalizations);
}

/**
 * A top-level command's Japanese name (`bot.command.<name>.name`), shown to Japanese clients in
 * the command picker; the English name stays the default everywhere else.
 */
export function localizedName(name: LocalizedCommandName): { ja: string } {
  return { ja: t('ja', `bot.command.${name}.name`) };
}

/** The catalogue key of a thing's name by its path: `bot.command.event.create.when.name`. */
export function nameKey(path: readonly string[]): string {
  return `bot.command.${path.join('.')}.name`;
}

/** The catalogue key of a choice's name: `bot.command.setup.clear.setting.choice.role:organiser`. */
export function choiceKey(path: readonly string[], value: string | number): string {
  return `bot.command.${path.join('.')}.choice.${String(value)}`;
}

/** A catalogue entry by a key built at run time (undefined when no area defines it). */
function lookup(locale: Locale, key: string): string | undefined {
  const table = catalogue(locale) as Readonly<Record<string, string>>;
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

type Body = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Named = Pick<Body, 'name_localizations' | 'description_localizations'>;

/** Adds `ja` (from `nameKey(path)`) and, when missing, the description's `ja` from `…<path>.description`. */
function fillNamed<T extends Named>(thing: T, path: readonly string[]): T {
  const out = { ...thing };
  const name = out.name_localizations?.ja ?? lookup('ja', nameKey(path));
  if (name !== undefined) out.name_localizations = { ...out.name_localizations, ja: name };
  const description =
    out.description_localizations?.ja ?? lookup('ja', `bot.command.${path.join('.')}.description`);
  if (description !== undefined)
    out.description_localizations = { ...out.description_localizations, ja: description };
  return out;
}

/** Choices the slice left unnamed in Japanese get `ja` (and English, when it reads differently). */
function fillChoice<C extends APIApplicationCommandOptionChoice>(choice: C, path: readonly string[]): C {
  if (choice.name_localizations?.ja !== undefined) return choice;
  const key = choiceKey(path, choice.value);
  const ja = lookup('ja', key);
  if (ja === undefined) return choice;
  const en = lookup('en', key);
  const english = en !== undefined && en !== choice.name ? { 'en-US': en, 'en-GB': en } : {};
  return { ...choice, name_localizations: { ...choice.name_localizations, ...english, ja } };
}

function fillOption(
  option: APIApplicationCommandOption,
  parent: readonly string[],
): APIApplicationCommandOption {
  const path = [...parent, option.name];
  const out = fillNamed(option, path) as APIApplicationCommandOption & {
    options?: APIApplicationCommandOption[];
    choices?: APIApplicationCommandOptionChoice[];
  };
  if (out.options) out.options = out.options.map((o) => fillOption(o, path));
  if (out.choices) out.choices = out.choices.map((c) => fillChoice(c, path));
  return out;
}

/**
 * One command's registration body with Japanese names for the command, its subcommands,
 * groups, options and choices, taken from the catalogues by path (`nameKey`, `choiceKey`)
 * where the command file did not set one. Any area may hold the keys (the slice's own
 * catalogue or shared/i18n/messages/commands.*); test/unit/core/command-localizations.test.ts
 * fails when a name has none, so a new option cannot be forgotten.
 */
export function localizeCommandBody(body: Body): Body {
  const out = fillNamed(body, [body.name]);
  return body.options ? { ...out, options: body.options.map((o) => fillOption(o, [body.name])) } : out;
}
