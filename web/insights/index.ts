import type { WebFeature } from '../core/feature.js';

/** Insights on the dashboard: trends, the activation funnel, retention cohorts, the members directory. */
export const insightsFeature: WebFeature = {
  name: 'insights',
};
