/**
 * Guild settings: read with sane defaults, update with validation. Returns plain objects.
 */
import { GuildSettings } from './guild-settings.model.js';
import { t, type Locale, isLocale } from '../i18n/index.js';
import { DomainError, throwIfIssues, type FieldIssue } from '../errors.js';
import { isValidTimeZone } from '../clock.js';
import { checkWelcomeTemplate } from './welcome-template.js';

export const CHANNEL_KEYS = ['welcome', 'introductions', 'events', 'lobby'] as const;
export type ChannelKey = (typeof CHANNEL_KEYS)[number];
export const ROLE_KEYS = ['alumni', 'introduced', 'newcomer', 'organiser', 'moderator'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';
export const DEFAULT_REMINDER_DAYS = 3;
export const REMINDER_DAYS_MIN = 1;
export const REMINDER_DAYS_MAX = 30;
/** Event reminders (deepen): 24 h and 15 min before the start unless the guild sets its own. */
export const DEFAULT_EVENT_REMINDER_MINUTES: readonly number[] = [1440, 15];
export const EVENT_REMINDER_MINUTES_MAX = 7 * 1440;
export const EVENT_REMINDERS_MAX = 4;

export interface GuildSettingsView {
  guildId: string;
  locale: Locale;
  timeZone: string;
  channels: Record<ChannelKey, string | null>;
  roles: Record<RoleKey, string | null>;
  welcome: {
    /** The template in force: the guild's own, or the default in the guild's locale. */
    template: string;
    /** False while the guild uses the default template. */
    customTemplate: boolean;
    dmEnabled: boolean;
  };
  relay: { enabled: boolean; reminderDays: number };
  /** Minutes before an event's start when reminders go out (always filled by getGuildSettings). */
  eventReminderMinutes?: readonly number[];
}

export interface GuildSettingsPatch {
  locale?: string;
  timeZone?: string;
  channels?: Partial<Record<ChannelKey, string | null>>;
  roles?: Partial<Record<RoleKey, string | null>>;
  /** null restores the default template. */
  welcomeTemplate?: string | null;
  welcomeDmEnabled?: boolean;
  relayEnabled?: boolean;
  relayReminderDays?: number;
  /** Event reminder offsets in minutes (an empty list turns reminders off). */
  eventReminderMinutes?: number[];
}

/**
 * The guild's settings, or the defaults (ja, Asia/Tokyo, default welcome template, relay on after
 * 3 days) when nothing was stored. Never writes.
 */
export async function getGuildSettings(guildId: string): Promise<GuildSettingsView> {
  const doc = await GuildSettings.findOne({ guildId }).lean();
  const locale: Locale = isLocale(doc?.locale) ? doc.locale : 'ja';
  const pick = <K extends string>(
    keys: readonly K[],
    stored: Partial<Record<K, string | null>> | undefined,
  ) => Object.fromEntries(keys.map((k) => [k, stored?.[k] ?? null])) as Record<K, string | null>;
  const template = doc?.welcome?.template ?? null;
  return {
    guildId,
    locale,
    timeZone: doc?.timeZone ?? DEFAULT_TIME_ZONE,
    channels: pick(CHANNEL_KEYS, doc?.channels ?? undefined),
    roles: pick(ROLE_KEYS, doc?.roles ?? undefined),
    welcome: {
      template: template ?? defaultWelcomeTemplate(locale),
      customTemplate: template !== null,
      dmEnabled: doc?.welcome?.dmEnabled ?? true,
    },
    relay: {
      enabled: doc?.relay?.enabled ?? true,
      reminderDays: doc?.relay?.reminderDays ?? DEFAULT_REMINDER_DAYS,
    },
    eventReminderMinutes: doc?.events?.reminderMinutes ?? DEFAULT_EVENT_REMINDER_MINUTES,
  };
}

/** The default welcome message in `locale`. */
export function defaultWelcomeTemplate(locale: Locale): string {
  return t(locale, 'connect.welcome.defaultTemplate');
}

/**
 * Validates and stores a partial update; returns the settings now in force.
 * @throws DomainError INVALID_INPUT listing every problem (time zone, template, ids, days).
 */
export async function updateGuildSettings(
  guildId: string,
  patch: GuildSettingsPatch,
): Promise<GuildSettingsView> {
  const issues = checkGuildSettingsPatch(patch);
  throwIfIssues(issues);
  const $set: Record<string, unknown> = {};
  if (patch.locale !== undefined) $set.locale = patch.locale;
  if (patch.timeZone !== undefined) $set.timeZone = patch.timeZone;
  for (const [key, id] of Object.entries(patch.channels ?? {})) $set[`channels.${key}`] = id ?? null;
  for (const [key, id] of Object.entries(patch.roles ?? {})) $set[`roles.${key}`] = id ?? null;
  if (patch.welcomeTemplate !== undefined) $set['welcome.template'] = patch.welcomeTemplate;
  if (patch.welcomeDmEnabled !== undefined) $set['welcome.dmEnabled'] = patch.welcomeDmEnabled;
  if (patch.relayEnabled !== undefined) $set['relay.enabled'] = patch.relayEnabled;
  if (patch.relayReminderDays !== undefined) $set['relay.reminderDays'] = patch.relayReminderDays;
  if (patch.eventReminderMinutes !== undefined)
    $set['events.reminderMinutes'] = [...new Set(patch.eventReminderMinutes)].sort((a, b) => b - a);
  if (Object.keys($set).length > 0) {
    await GuildSettings.updateOne({ guildId }, { $set }, { upsert: true, runValidators: true });
  }
  return getGuildSettings(guildId);
}

const SNOWFLAKE = /^\d{17,20}$/;

/** Every problem with a settings patch (pure; exported for adapters that pre-check forms). */
export function checkGuildSettingsPatch(patch: GuildSettingsPatch): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (patch.locale !== undefined && !isLocale(patch.locale)) {
    issues.push({
      field: 'locale',
      i18nKey: 'connect.error.localeInvalid',
      vars: { value: String(patch.locale) },
    });
  }
  if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) {
    issues.push({
      field: 'timeZone',
      i18nKey: 'connect.error.timeZoneInvalid',
      vars: { value: patch.timeZone },
    });
  }
  const ids = { ...prefixed('channels', patch.channels), ...prefixed('roles', patch.roles) };
  for (const [field, id] of Object.entries(ids)) {
    if (id !== null && id !== undefined && !SNOWFLAKE.test(id)) {
      issues.push({ field, i18nKey: 'connect.error.idInvalid', vars: { field } });
    }
  }
  if (patch.welcomeTemplate !== undefined && patch.welcomeTemplate !== null) {
    issues.push(...checkWelcomeTemplate(patch.welcomeTemplate));
  }
  const days = patch.relayReminderDays;
  if (
    days !== undefined &&
    (!Number.isInteger(days) || days < REMINDER_DAYS_MIN || days > REMINDER_DAYS_MAX)
  ) {
    issues.push({
      field: 'relayReminderDays',
      i18nKey: 'connect.error.reminderDaysInvalid',
      vars: { min: REMINDER_DAYS_MIN, max: REMINDER_DAYS_MAX },
    });
  }
  const offsets = patch.eventReminderMinutes;
  if (
    offsets !== undefined &&
    (offsets.length > EVENT_REMINDERS_MAX ||
      offsets.some((m) => !Number.isInteger(m) || m < 1 || m > EVENT_REMINDER_MINUTES_MAX))
  ) {
    issues.push({
      field: 'eventReminderMinutes',
      i18nKey: 'deepen.events.error.reminderMinutesInvalid',
      vars: { count: EVENT_REMINDERS_MAX, max: EVENT_REMINDER_MINUTES_MAX },
    });
  }
  return issues;
}

function prefixed(prefix: string, values: Partial<Record<string, string | null>> | undefined) {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [`${prefix}.${k}`, v]));
}

/** @throws DomainError NOT_FOUND when the guild has not been set up (no stored settings). */
export async function requireGuildSettings(guildId: string): Promise<GuildSettingsView> {
  const exists = await GuildSettings.exists({ guildId });
  if (!exists) throw new DomainError('NOT_FOUND', 'connect.error.notSetUp');
  return getGuildSettings(guildId);
}
