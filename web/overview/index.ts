import type { WebFeature } from '../core/feature.js';
import { overviewRoutes } from './overview.routes.js';

/** The guild overview: bot health and a summary of every step (reads the slices before it). */
export const overviewFeature: WebFeature = {
  name: 'overview',
  nav: [{ key: 'overview', path: '', labelKey: 'web.guildNav.overview' }],
  guildRoutes: overviewRoutes,
};
