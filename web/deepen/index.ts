import type { WebFeature } from '../core/feature.js';

/** Deepen on the dashboard: scheduled events and mixers. */
export const deepenFeature: WebFeature = {
  name: 'deepen',
};
