import { localizations, t } from '../../shared/i18n/index.js';

/**
 * Description of a command, subcommand or option from an i18n key: English as the default
 * (Discord's fallback for every other locale) plus ja / en-US / en-GB localizations.
 */
export function localizedDescription(key: string) {
  return { description: t('en', key), descriptionLocalizations: localizations(key) };
}

/**
 * A top-level command's Japanese name (`bot.command.<name>.name`), shown to Japanese clients in
 * the command picker; the English name stays the default everywhere else. Subcommand and option
 * names stay English so that docs and help texts can name them once.
 */
export function localizedName(name: string): { ja: string } {
  return { ja: t('ja', `bot.command.${name}.name`) };
}
