import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';
import { recoverActivity } from '../../../shared/insights/activity-rollup.js';

/**
 * At start-up: recomputes the active-member rollup where it may be missing (member days older
 * than the rollup) or stale (marks lost with the last process, see recoverActivity). Once per
 * process; a failure is logged and the next flush or start tries again.
 */
export const recoverActivityOnReady = defineEvent({
  name: Events.ClientReady,
  once: true,
  async execute(ctx) {
    const weeks = await recoverActivity(ctx.services.clock.now());
    if (weeks > 0) ctx.logger.info({ weeks }, 'active-member rollup recomputed at start-up');
  },
});
