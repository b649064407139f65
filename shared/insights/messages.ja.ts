import type { SameKeys } from '../i18n/catalogue.js';
import type { insightsEn } from './messages.en.js';

/** Insights strings, Japanese. */
export const insightsJa = {
  'insights.name': 'インサイト',
} as const satisfies SameKeys<typeof insightsEn>;
