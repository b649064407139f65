import type { SameKeys } from '../../i18n/catalogue.js';
import type { mixerEn } from './messages.en.js';

/** Deepen (mixer) strings, Japanese. */
export const mixerJa = {
  'deepen.mixer.name': 'ボイス交流会',
} as const satisfies SameKeys<typeof mixerEn>;
