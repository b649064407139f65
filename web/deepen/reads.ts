/** What the events pages read and request: shared/deepen/events on mongoose's connection. */
import { listPast, listUpcoming, getOccurrence } from '../../shared/deepen/events/series.service.js';
import {
  recentRequests,
  requestCancel,
  requestCreate,
  requestEdit,
  type RequestView,
} from '../../shared/deepen/events/request.service.js';
import type { OccurrenceView } from '../../shared/deepen/events/event-view.js';
import { feedbackByOccurrence, type FeedbackSummary } from '../../shared/deepen/events/mixer-links.js';
import {
  DEFAULT_EVENT_REMINDER_MINUTES,
  getGuildSettings,
  updateGuildSettings,
} from '../../shared/kernel/guild-settings.service.js';
import { parseWhen, wallClockOf, type WhenLocale } from '../../shared/deepen/when/index.js';
import { listVoiceChannels, type VoiceChannelView } from '../../shared/deepen/events/lobby-channels.js';

export interface WhenPreview {
  ok: boolean;
  /** The instant read (ISO) and its wall clock in the guild zone. */
  iso?: string;
  wallClock?: string;
  zone: string;
  reason?: 'unparseable' | 'past' | 'ambiguous';
  suggestions: string[];
}

declare module '../core/reads.js' {
  interface GuildReads {
    eventsUpcoming(guildId: string, now: Date): Promise<OccurrenceView[]>;
    eventsPast(guildId: string): Promise<OccurrenceView[]>;
    eventOccurrence(guildId: string, occurrenceId: string): Promise<OccurrenceView>;
    eventRequests(guildId: string): Promise<RequestView[]>;
    eventWhenPreview(guildId: string, text: string, locale: WhenLocale, now: Date): Promise<WhenPreview>;
    requestEventCreate: typeof requestCreate;
    requestEventEdit: typeof requestEdit;
    requestEventCancel: typeof requestCancel;
    /** The mixer's 1–5 ratings per occurrence id. */
    eventFeedback(occurrenceIds: readonly string[]): Promise<Map<string, FeedbackSummary>>;
    /** Minutes before the start when reminders go out (the guild's, else 24 h and 15 min). */
    eventReminderMinutes(guildId: string): Promise<readonly number[]>;
    /** @throws DomainError INVALID_INPUT for more than 4 times or one out of range */
    setEventReminderMinutes(guildId: string, minutes: number[]): Promise<void>;
    /**
     * The guild's voice channels for the lobby select, as the worker last stored them from its
     * gateway cache (shared/deepen/events/lobby-channels.ts); null before it has.
     */
    eventVoiceChannels(guildId: string): Promise<VoiceChannelView[] | null>;
  }
}

export const eventsReads = {
  eventsUpcoming: (guildId: string, now: Date) => listUpcoming(guildId, now, 50),
  eventsPast: (guildId: string) => listPast(guildId, 25),
  eventOccurrence: getOccurrence,
  eventRequests: (guildId: string) => recentRequests(guildId, 5),
  async eventWhenPreview(guildId: string, text: string, locale: WhenLocale, now: Date): Promise<WhenPreview> {
    const { timeZone: zone } = await getGuildSettings(guildId);
    const when = parseWhen(text, { zone, now, locale });
    if (when.ok)
      return { ok: true, iso: when.start.toISOString(), wallClock: when.wallClock, zone, suggestions: [] };
    return {
      ok: false,
      zone,
      reason: when.reason,
      suggestions: when.suggestions.map((d) => wallClockOf(d, zone).replace('T', ' ')),
    };
  },
  requestEventCreate: requestCreate,
  requestEventEdit: requestEdit,
  requestEventCancel: requestCancel,
  eventFeedback: feedbackByOccurrence,
  async eventReminderMinutes(guildId: string) {
    return (await getGuildSettings(guildId)).eventReminderMinutes ?? DEFAULT_EVENT_REMINDER_MINUTES;
  },
  async setEventReminderMinutes(guildId: string, minutes: number[]) {
    await updateGuildSettings(guildId, { eventReminderMinutes: minutes });
  },
  eventVoiceChannels: listVoiceChannels,
};
