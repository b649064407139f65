import { Router } from 'express';
import type { WebFeature } from '../core/feature.js';
import { membersRoutes } from './members.routes.js';
import { relayRoutes } from './relay.routes.js';
import { knowReads } from './reads.js';

/** Know on the dashboard: the intro relay (the old /members list redirects to the Insights directory). */
export const knowFeature: WebFeature = {
  name: 'know',
  nav: [{ key: 'relay', path: '/relay', labelKey: 'web.guildNav.relay' }],
  reads: knowReads,
  guildRoutes: (deps) => Router({ mergeParams: true }).use(membersRoutes(deps), relayRoutes(deps)),
};
