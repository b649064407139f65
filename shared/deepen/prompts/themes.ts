/** Theme lookup for slash-command choices, event pages and the picker. */
import type { Locale } from '../../i18n/index.js';
import { THEME_PACKS } from './packs/index.js';
import type { ThemeId, ThemePack } from './types.js';
import { THEME_IDS } from './types.js';

/** The theme used when none is set, and in place of an unknown id. */
export const DEFAULT_THEME: ThemeId = 'icebreaker';

const packsById = new Map<string, ThemePack>(THEME_PACKS.map((pack) => [pack.id, pack]));

/** True when `value` names a theme pack; adapters check slash-command and form input with it. */
export function isThemeId(value: unknown): value is ThemeId {
  return typeof value === 'string' && (THEME_IDS as readonly string[]).includes(value);
}

/**
 * The pack for `id`. An unknown id (a theme removed after an event was scheduled with it) falls
 * back to `icebreaker` rather than failing a live mixer; validate input with `isThemeId` first.
 */
export function resolveTheme(id: string): ThemePack {
  return packsById.get(id) ?? (packsById.get(DEFAULT_THEME) as ThemePack);
}

/** The theme's display name in `locale` (the `icebreaker` name for an unknown id, see `resolveTheme`). */
export function themeName(id: string, locale: Locale): string {
  return resolveTheme(id).name[locale];
}

/** The theme's one-line description in `locale` (same fallback as `themeName`). */
export function themeDescription(id: string, locale: Locale): string {
  return resolveTheme(id).description[locale];
}

/** One slash-command choice: Discord takes at most 25, each name 1–100 characters. */
export interface ThemeChoice {
  readonly name: string;
  readonly value: ThemeId;
}

/** Every theme as a slash-command choice, names in `locale`, in `THEME_IDS` order. */
export function listThemes(locale: Locale): ThemeChoice[] {
  return THEME_PACKS.map((pack) => ({ name: pack.name[locale], value: pack.id }));
}
