import { Router } from 'express';
import type { WebFeature } from '../core/feature.js';
import { eventsRoutes } from './events.routes.js';
import { eventsReads } from './reads.js';
import { promptsRoutes } from './prompts.routes.js';
import { promptsReads } from './prompts.reads.js';

/**
 * Deepen on the dashboard: scheduled events (list, create/edit/cancel through the worker's job
 * queue, reminder times). Why requests go through the worker and not REST: web/deepen/README.md.
 * Conversation prompts per theme (the guild's own, written directly: no Discord call).
 */
export const deepenFeature: WebFeature = {
  name: 'deepen',
  nav: [
    { key: 'events', path: '/events', labelKey: 'deepen.events.name' },
    { key: 'prompts', path: '/prompts', labelKey: 'deepen.mixer.prompts.web.nav' },
  ],
  reads: { ...eventsReads, ...promptsReads },
  guildRoutes: (deps) => Router({ mergeParams: true }).use(eventsRoutes(deps)).use(promptsRoutes(deps)),
};
