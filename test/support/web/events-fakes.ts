/**
 * Events reads for a guild with no events, for tests that build the dashboard without a database
 * (the events page shows its empty state; every request to act answers that nothing can be stored).
 */
import type { GuildReads } from '../../../web/core/reads.js';
import type { eventsReads } from '../../../web/deepen/reads.js';
import type { promptsReads } from '../../../web/deepen/prompts.reads.js';

const noDatabase = async (): Promise<never> => {
  throw new Error('no database in this test');
};

export function emptyEventsReads(): Pick<GuildReads, keyof typeof eventsReads> {
  return {
    eventsUpcoming: async () => [],
    eventsPast: async () => [],
    eventOccurrence: noDatabase,
    eventRequests: async () => [],
    eventWhenPreview: async () => ({ ok: false, zone: 'Asia/Tokyo', reason: 'unparseable', suggestions: [] }),
    requestEventCreate: noDatabase,
    requestEventEdit: noDatabase,
    requestEventCancel: noDatabase,
    eventFeedback: async () => new Map(),
    eventReminderMinutes: async () => [1440, 15],
    setEventReminderMinutes: noDatabase,
    eventVoiceChannels: async () => null,
  };
}

/** The prompts page's reads for a guild with no prompts of its own (writes need the database). */
export function emptyPromptsReads(): Pick<GuildReads, keyof typeof promptsReads> {
  return {
    customPrompts: async () => new Map(),
    addCustomPrompt: noDatabase,
    updateCustomPrompt: noDatabase,
    removeCustomPrompt: noDatabase,
  };
}
