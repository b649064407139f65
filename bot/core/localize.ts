/**
 * Localized names and descriptions for slash commands. Descriptions come from i18n keys with
 * English as the default (Discord's fallback for every other locale); subcommand and option
 * names stay English (they are typed, so docs and help texts can name them once).
 */
import { localizations, t, type MessageKey } from '../../shared/i18n/index.js';

/** Command names that have a Japanese name in the catalogue (`bot.command.<name>.name`). */
export type LocalizedCommandName = MessageKey extends infer K
  ? K extends `bot.command.${infer N}.name`
    ? N
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
