import { localizations, t, type Locale } from '../../shared/i18n/index.js';

/**
 * Name and description of a command (or option) from `bot.command.<path>.name|description`:
 * the default is English (Discord's fallback for every other locale), plus ja / en-US / en-GB.
 */
export function commandText(path: string, base: Locale = 'en') {
  const nameKey = `bot.command.${path}.name`;
  const descriptionKey = `bot.command.${path}.description`;
  return {
    name: t(base, nameKey),
    nameLocalizations: localizations(nameKey),
    description: t(base, descriptionKey),
    descriptionLocalizations: localizations(descriptionKey),
  };
}
