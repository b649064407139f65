/** The Know step's services (profiles and the intro relay), built once per process. */
import type { ServiceDeps } from '../kernel/services.js';
import * as profiles from './profile.service.js';
import * as relay from './relay.service.js';

/** The Know services; `deps` is taken so every slice factory has the same shape. */
export function createKnowServices(_deps: ServiceDeps) {
  return { profiles, relay };
}
export type KnowServices = ReturnType<typeof createKnowServices>;
