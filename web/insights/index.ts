import { Router } from 'express';
import type { WebFeature } from '../core/feature.js';
import { insightsReads } from './reads.js';
import { trendsRoutes } from './trends.routes.js';
import { funnelRoutes } from './funnel.routes.js';
import { directoryRoutes } from './directory.routes.js';
import { vendorRoutes } from './vendor.js';

/** Insights on the dashboard: trends, the activation funnel, retention cohorts, the members directory. */
export const insightsFeature: WebFeature = {
  name: 'insights',
  nav: [
    { key: 'trends', path: '/insights/trends', labelKey: 'insights.nav.trends' },
    { key: 'funnel', path: '/insights/funnel', labelKey: 'insights.nav.funnel' },
    { key: 'directory', path: '/insights/directory', labelKey: 'insights.nav.directory' },
  ],
  reads: insightsReads,
  guildRoutes: (deps) =>
    Router({ mergeParams: true }).use(
      vendorRoutes(),
      trendsRoutes(deps),
      funnelRoutes(deps),
      directoryRoutes(deps),
    ),
};
