import type { SameKeys } from '../../i18n/catalogue.js';
import type { eventsEn } from './messages.en.js';

/** Deepen (events) strings, Japanese. */
export const eventsJa = {
  'deepen.events.name': 'イベント',
} as const satisfies SameKeys<typeof eventsEn>;
