import { Router } from 'express';
import type { WebFeature } from '../core/feature.js';
import { membersRoutes } from './members.routes.js';
import { relayRoutes } from './relay.routes.js';
import { knowReads } from './reads.js';

/** Know on the dashboard: the member list and the intro relay. */
export const knowFeature: WebFeature = {
  name: 'know',
  nav: [
    { key: 'members', path: '/members', labelKey: 'web.guildNav.members' },
    { key: 'relay', path: '/relay', labelKey: 'web.guildNav.relay' },
  ],
  reads: knowReads,
  guildRoutes: (deps) => Router({ mergeParams: true }).use(membersRoutes(deps), relayRoutes(deps)),
};
