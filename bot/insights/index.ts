import type { BotFeature } from '../core/feature.js';
import { createInsightsServices, type InsightsServices } from '../../shared/insights/services.js';
import { activityPart } from '../../shared/insights/personal-data.js';
import { countMessage } from './events/message-create.js';
import { countVoice } from './events/voice-state-update.js';
import { countJoin, countLeave } from './events/member-count.js';
import { reconcileOnGuildCreate, reconcileOnReady } from './events/voice-reconcile.js';
import { recoverActivityOnReady } from './events/activity-recover.js';

declare module '../context.js' {
  interface BotServices {
    insights: InsightsServices;
  }
}

/** Insights: activity counters (never message content) flushed in batches into rollups. */
export const insightsFeature: BotFeature = {
  name: 'insights',
  events: [
    countMessage,
    countVoice,
    countJoin,
    countLeave,
    reconcileOnReady,
    reconcileOnGuildCreate,
    recoverActivityOnReady,
  ],
  services: (deps) => ({ insights: createInsightsServices(deps) }),
  personalData: [activityPart],
  // The counters' last write: after the client is destroyed, while the database is still there.
  stop: (ctx) => ctx.services.insights.activity.close(),
};
