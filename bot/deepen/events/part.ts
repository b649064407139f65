import type { BotFeature } from '../../core/feature.js';

/** Deepen's events part (combined into the slice's descriptor by bot/deepen/index.ts). */
export const eventsPart: BotFeature = {
  name: 'deepen.events',
};
