import { Router } from 'express';
import type { WebFeature } from '../core/feature.js';
import { eventsRoutes } from './events.routes.js';
import { eventsReads } from './reads.js';

/**
 * Deepen on the dashboard: scheduled events (list, create/edit/cancel through the worker's job
 * queue, reminder times). Why requests go through the worker and not REST: web/deepen/README.md.
 */
export const deepenFeature: WebFeature = {
  name: 'deepen',
  nav: [{ key: 'events', path: '/events', labelKey: 'deepen.events.name' }],
  reads: eventsReads,
  guildRoutes: (deps) => Router({ mergeParams: true }).use(eventsRoutes(deps)),
};
