import type { WebFeature } from '../core/feature.js';
import { invitesRoutes } from './invites.routes.js';
import { connectReads } from './reads.js';

/** Connect on the dashboard: who brings people in (invites, cohorts). */
export const connectFeature: WebFeature = {
  name: 'connect',
  nav: [{ key: 'invites', path: '/invites', labelKey: 'web.guildNav.invites' }],
  reads: connectReads,
  guildRoutes: invitesRoutes,
};
