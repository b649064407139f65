import type { BotFeature } from '../../core/feature.js';

/** Deepen's mixer part (combined into the slice's descriptor by bot/deepen/index.ts). */
export const mixerPart: BotFeature = {
  name: 'deepen.mixer',
};
