/** The events part of the deepen step: drafts, series, RSVPs, an occurrence's life, changes. */
import type { ServiceDeps } from '../../kernel/services.js';
import * as drafts from './draft.service.js';
import * as series from './series.service.js';
import * as rsvp from './rsvp.service.js';
import * as lifecycle from './lifecycle.service.js';
import * as manage from './manage.service.js';
import * as requests from './request.service.js';
import * as mixerLinks from './mixer-links.js';
import * as seats from './seats.service.js';
import * as notices from './change-notices.service.js';

/** The events services; `deps` is taken so every slice factory has the same shape. */
export function createEventsServices(_deps: ServiceDeps) {
  return { drafts, series, rsvp, lifecycle, manage, requests, mixerLinks, seats, notices };
}
export type EventsServices = ReturnType<typeof createEventsServices>;
