import type { BotFeature } from '../core/feature.js';

/** Insights: activity counters (never message content) flushed in batches into rollups. */
export const insightsFeature: BotFeature = {
  name: 'insights',
};
