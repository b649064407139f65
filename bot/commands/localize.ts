import { localizations, t } from '../../shared/i18n/index.js';

/**
 * Description of a command, subcommand or option from an i18n key: English as the default
 * (Discord's fallback for every other locale) plus ja / en-US / en-GB localizations.
 * Names stay English on purpose: people type them, so one spelling works for everyone and in docs.
 */
export function localizedDescription(key: string) {
  return { description: t('en', key), descriptionLocalizations: localizations(key) };
}
