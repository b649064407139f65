/**
 * Tsunagu's translations. Every user-facing string exists in Japanese and English.
 * Catalogues are split by area (one file per area and language) so that teams add keys
 * without touching each other's files (add your area's two imports and spreads below); a unit
 * test checks both languages hold the same keys and the same `{placeholders}`.
 */
import { ENGLISH, JAPANESE } from './catalogues.js';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ja';

/** Every message key: a misspelled key in `t()`, a `UserError` or a `DomainError` fails the type check. */
export type MessageKey = keyof typeof ENGLISH;

export type Catalogue = { readonly [K in MessageKey]: string };

const catalogues: Record<Locale, Catalogue> = { ja: JAPANESE, en: ENGLISH };

export function catalogue(locale: Locale): Readonly<Catalogue> {
  return catalogues[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Maps a Discord locale ("ja", "en-US", "en-GB", "fr"…) or an Accept-Language tag to one of ours.
 * Returns undefined when it is neither Japanese nor English, so callers fall back to the guild's.
 */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

/** Picks the user's locale when we support it, else the guild's, else Japanese. */
export function pickLocale(userLocale?: string | null, guildLocale?: string | null): Locale {
  return toLocale(userLocale) ?? toLocale(guildLocale) ?? DEFAULT_LOCALE;
}

/**
 * Placeholder values. A var whose name ends in `Key` holds a message key (translated before it is
 * filled in, see shared/errors.ts), so it is type-checked as one.
 */
export type Vars = { readonly [name: `${string}Key`]: MessageKey } & {
  readonly [name: string]: string | number;
};

let strictKeys = false;

/** Tests call this so a missing key throws instead of showing the key (the test harness does). */
export function setStrictTranslations(strict: boolean): void {
  strictKeys = strict;
}

/**
 * Translates `key` into `locale`, replacing `{name}` placeholders from `vars`.
 * A missing key is a programming error: it throws under strict translations (tests) and
 * otherwise shows the key itself so the user sees something rather than nothing.
 */
export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  const template = (catalogues[locale][key] as string | undefined) ?? catalogues[DEFAULT_LOCALE][key];
  if (template === undefined) {
    if (strictKeys) throw new Error(`missing translation key: ${key}`);
    return key;
  }
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
  );
}

/** A translator bound to one locale. */
export type Translator = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale): Translator {
  return (key, vars) => t(locale, key, vars);
}

/** Both translations of a key, e.g. for Discord's name/description localizations. */
export function localizations(key: MessageKey): { ja: string; 'en-US': string; 'en-GB': string } {
  const en = t('en', key);
  return { ja: t('ja', key), 'en-US': en, 'en-GB': en };
}

/** Placeholder names used in a template, sorted (for catalogue consistency checks). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}
