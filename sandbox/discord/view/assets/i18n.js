/* global localStorage, navigator, document */
/**
 * The view's own words in Japanese and English (catalogue.ts, served as messages.js). The
 * language follows the switch, remembered in localStorage, else the browser's language.
 */
import catalogue from './messages.js';

const STORAGE_KEY = 'tsunagu.discordView.lang';
const listeners = new Set();

function initialLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // Storage can be off (private windows): the browser's language then decides.
  }
  return (navigator.language || 'ja').toLowerCase().startsWith('en') ? 'en' : 'ja';
}

let current = initialLanguage();

/** @returns {'ja' | 'en'} */
export function lang() {
  return current;
}

/** The BCP 47 locale for Intl formatting. */
export function intlLocale() {
  return current === 'ja' ? 'ja-JP' : 'en-US';
}

/**
 * Switches the language and tells every listener.
 * @param {'ja' | 'en'} next
 */
export function setLang(next) {
  current = next === 'en' ? 'en' : 'ja';
  document.documentElement.lang = current;
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Not remembered; still switched.
  }
  for (const listener of listeners) listener(current);
}

/** @param {(lang: string) => void} listener */
export function onLangChange(listener) {
  listeners.add(listener);
}

/**
 * A message in the current language, `{name}` placeholders filled from `vars`.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars = {}) {
  const text = catalogue[current]?.[key] ?? catalogue.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/**
 * A command's (or option's, or choice's) name or description in the view's language: Discord
 * clients show `*_localizations[locale]` when there is one.
 * @param {Record<string, any>} item
 * @param {'name' | 'description'} field
 */
export function localized(item, field) {
  const table = item[`${field}_localizations`] ?? {};
  const value = current === 'ja' ? table.ja : (table['en-US'] ?? table['en-GB']);
  return value || item[field] || '';
}
