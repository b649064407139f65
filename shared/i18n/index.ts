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
 * Translates `key` into `locale`, replacing `{name}` placeholders from `vars` and choosing the
 * branch of each `{name, plural, one {…} other {…}}` block (ICU MessageFormat's plural
 * syntax, the subset we use: `=N` exact matches, the CLDR categories of `Intl.PluralRules`,
 * `#` for the number). English needs `one`/`other`; Japanese has only `other`, so its
 * templates simply write `{count}`.
 * A missing key is a programming error: it throws under strict translations (tests) and
 * otherwise shows the key itself so the user sees something rather than nothing.
 */
export function t(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  const template = (catalogues[locale][key] as string | undefined) ?? catalogues[DEFAULT_LOCALE][key];
  if (template === undefined) {
    if (strictKeys) throw new Error(`missing translation key: ${key}`);
    return key;
  }
  return format(locale, template, vars);
}

/** Fills in one template (plural blocks first, then placeholders); exported for tests. */
export function format(locale: Locale, template: string, vars: Vars = {}): string {
  const has = (name: string) => Object.prototype.hasOwnProperty.call(vars, name);
  const chosen = mapPluralBlocks(template, (block) => {
    if (!has(block.name)) return block.source;
    const value = vars[block.name] as string | number;
    const branch = pluralBranch(locale, block, toNumber(value));
    return branch === undefined ? block.source : fillHash(locale, branch, value);
  });
  return chosen.replace(/\{(\w+)\}/g, (match, name: string) => (has(name) ? String(vars[name]) : match));
}

/**
 * ICU's `#` in a plural branch: the number, formatted for the locale ("1,001"). Only a
 * standalone `#` counts: one next to a letter, a digit, another `#` or a placeholder's brace
 * ("Chain #{number}", "#general") is text, and so is ICU's quoted `'#'`.
 */
function fillHash(locale: Locale, branch: string, value: string | number): string {
  const shown = typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value);
  return branch
    .split("'#'")
    .map((part) => part.replace(/(?<![\w#])#(?![\w#{])/gu, () => shown))
    .join('#');
}

/** `{name, plural, …}` as parsed: the whole block's text and its branches by selector. */
interface PluralBlock {
  name: string;
  source: string;
  branches: Map<string, string>;
}

const PLURAL_START = /\{(\w+),\s*plural,/g;

/** Replaces every plural block of `template` with `replace(block)`; other text is kept. */
function mapPluralBlocks(template: string, replace: (block: PluralBlock) => string): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLURAL_START)) {
    const start = match.index;
    if (start < last) continue; // inside a block already consumed
    const parsed = parseBranches(template, start + match[0].length);
    if (!parsed) continue; // not well-formed: left as it is (the catalogue test reports it)
    out += template.slice(last, start);
    const source = template.slice(start, parsed.end);
    out += replace({ name: match[1] as string, source, branches: parsed.branches });
    last = parsed.end;
  }
  return out + template.slice(last);
}

/** Reads `sel {text} sel {text} … }` from `from`; `end` is just past the block's closing brace. */
function parseBranches(text: string, from: number): { branches: Map<string, string>; end: number } | null {
  const branches = new Map<string, string>();
  let i = from;
  for (;;) {
    while (/\s/.test(text[i] ?? '')) i++;
    if (text[i] === '}') return branches.has('other') ? { branches, end: i + 1 } : null;
    const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i));
    if (!selector) return null;
    i += selector[0].length;
    let depth = 1;
    const bodyStart = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    if (depth !== 0) return null;
    branches.set((selector[1] as string).trim(), text.slice(bodyStart, i - 1));
  }
}

const PLURAL_RULES: Readonly<Record<Locale, Intl.PluralRules>> = {
  ja: new Intl.PluralRules('ja'),
  en: new Intl.PluralRules('en'),
};

function pluralBranch(locale: Locale, block: PluralBlock, n: number): string | undefined {
  if (Number.isNaN(n)) return block.branches.get('other');
  return (
    block.branches.get(`=${n}`) ??
    block.branches.get(PLURAL_RULES[locale].select(n)) ??
    block.branches.get('other')
  );
}

/** A count var may come formatted ("1,234"): its digits decide the plural. */
function toNumber(value: string | number): number {
  return typeof value === 'number' ? value : Number(value.replace(/[^\d.-]/g, ''));
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

/**
 * Placeholder names used in a template, sorted and each once (for catalogue consistency
 * checks): a plural block counts as its var plus the placeholders of its branches, so
 * `{count, plural, one {# chain} other {# chains}}` and `{count}件` name the same vars.
 */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  const rest = mapPluralBlocks(template, (block) => {
    names.add(block.name);
    return [...block.branches.values()].join(' ');
  });
  for (const m of rest.matchAll(/\{(\w+)\}/g)) names.add(m[1] as string);
  return [...names].sort();
}

/** True when `template` has a `{name, plural,` block that does not parse (no `other`, unbalanced). */
export function hasBrokenPlural(template: string): boolean {
  const starts = [...template.matchAll(PLURAL_START)].length;
  let parsed = 0;
  mapPluralBlocks(template, (block) => {
    parsed++;
    return block.source;
  });
  return parsed !== starts;
}
