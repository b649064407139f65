/** The Insights step's worker services: the activity counter over the mongoose store. */
import type { ServiceDeps } from '../kernel/services.js';
import { createActivityCounter, type ActivityCounterOptions } from './activity-counter.js';
import { mongooseActivityStore } from './activity-store.js';

/** One counter per process; `overrides` lets tests and the benchmark swap the store or the timings. */
export function createInsightsServices(deps: ServiceDeps, overrides: Partial<ActivityCounterOptions> = {}) {
  return {
    activity: createActivityCounter({
      store: mongooseActivityStore,
      clock: deps.clock,
      logger: deps.logger,
      ...overrides,
    }),
  };
}
export type InsightsServices = ReturnType<typeof createInsightsServices>;
