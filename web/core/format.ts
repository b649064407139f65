/** Formatting shared by the dashboard's presenters: dates in the guild's zone, numbers, people. */
import type { Locale, Translator } from '../../shared/i18n/index.js';
import { PeopleNames } from './member-names.js';

/** What every presenter needs to speak the visitor's language in the guild's time zone. */
export interface PresentContext {
  t: Translator;
  locale: Locale;
  /** IANA zone of the guild (GuildSettings), Asia/Tokyo by default. */
  timeZone: string;
}

/** A date as a view shows it: text in the guild's zone plus the ISO instant for <time datetime>. */
export interface DateView {
  text: string;
  iso: string;
}

const FALLBACK_ZONE = 'Asia/Tokyo';

/**
 * A formatter for dates in the guild's zone (calendar date, or date and time). A zone the
 * runtime does not know falls back to Asia/Tokyo rather than failing the page.
 */
export function dateFormatter(ctx: PresentContext, withTime = false): (date: Date | null) => DateView | null {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'medium', timeStyle: 'short' }
    : { dateStyle: 'medium' };
  const tag = ctx.locale === 'ja' ? 'ja-JP' : 'en-GB';
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(tag, { ...options, timeZone: ctx.timeZone });
  } catch {
    format = new Intl.DateTimeFormat(tag, { ...options, timeZone: FALLBACK_ZONE });
  }
  return (date) => (date ? { text: format.format(date), iso: date.toISOString() } : null);
}

/** A whole number in the visitor's locale (1,234). */
export function formatCount(ctx: PresentContext, value: number): string {
  return value.toLocaleString(ctx.locale === 'ja' ? 'ja-JP' : 'en-GB');
}

/** `part` of `whole` as a percentage with no decimals, or null when there is no whole. */
export function formatShare(ctx: PresentContext, part: number, whole: number): string | null {
  if (whole <= 0) return null;
  return new Intl.NumberFormat(ctx.locale === 'ja' ? 'ja-JP' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(part / whole);
}

/**
 * Names people: the name of their intro, else their Discord display name, with the Discord
 * username beside it (two members can share a display name, never a username) and "left the
 * server" for those who left; someone Discord cannot name shows as their user id (organisers
 * can look it up in Discord), an erased person as "(erased user)". `names` is what
 * GuildPageDeps.names answered (a PeopleNames, web/core/member-names.ts); a plain Map of
 * names gives names alone.
 */
export function personNamer(ctx: PresentContext, names: ReadonlyMap<string, string>) {
  return (userId: string | null): string => {
    if (userId === null) return ctx.t('web.people.erased');
    return describePerson(ctx, names, userId) ?? ctx.t('web.people.unknown', { id: userId });
  };
}

/** The person's label as personNamer shows it, or undefined when nobody could name them. */
export function describePerson(
  ctx: PresentContext,
  names: ReadonlyMap<string, string>,
  userId: string,
  /** The name to show (e.g. the intro's), when it is not the one `names` holds; '' counts as none. */
  shown?: string,
): string | undefined {
  const name = shown?.trim() ? shown : names.get(userId);
  if (name === undefined) return undefined;
  const people = names instanceof PeopleNames ? names : undefined;
  const username = people?.usernames.get(userId);
  const named =
    username !== undefined && username !== name ? ctx.t('web.people.named', { name, username }) : name;
  return people?.left.has(userId) ? ctx.t('web.people.left', { name: named }) : named;
}
