/**
 * The dashboard's slices, in product order (navigation follows it after the overview). A new
 * slice adds its descriptor here (one of the three central files a slice edits).
 */
import type { WebFeature } from './core/feature.js';
import { overviewFeature } from './overview/index.js';
import { connectFeature } from './connect/index.js';
import { knowFeature } from './know/index.js';
import { deepenFeature } from './deepen/index.js';
import { insightsFeature } from './insights/index.js';

export const WEB_FEATURES: readonly WebFeature[] = [
  overviewFeature,
  connectFeature,
  knowFeature,
  deepenFeature,
  insightsFeature,
];
