import { localizations, t } from '../../../shared/i18n/index.js';

/**
 * English description plus its Japanese/English localizations from `key`, for commands,
 * subcommands and options whose names stay English (they are typed, so one spelling for all).
 */
export function described(key: string): {
  description: string;
  descriptionLocalizations: ReturnType<typeof localizations>;
} {
  return { description: t('en', key), descriptionLocalizations: localizations(key) };
}

/** Applies `described(key)` to any builder with setDescription/setDescriptionLocalizations. */
export function describe<
  B extends { setDescription(d: string): B; setDescriptionLocalizations(l: Record<string, string>): B },
>(builder: B, key: string): B {
  const text = described(key);
  return builder.setDescription(text.description).setDescriptionLocalizations(text.descriptionLocalizations);
}
