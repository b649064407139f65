import type { BotContext } from '../../context.js';
import type { RelayLinkView } from '../../../shared/know/relay.service.js';
import { scheduleRelayCheck as scheduleJob } from '../../../shared/know/relay-reminder.job.js';

/**
 * Schedules the check of a nomination at its reminder time (one job per link). Without a
 * scheduler (the web process, tests of other areas) nothing is scheduled and the nomination waits.
 */
export async function scheduleRelayCheck(ctx: BotContext, link: RelayLinkView): Promise<void> {
  if (ctx.agenda) await scheduleJob(ctx.agenda, link.linkId, link.reminderDueAt);
}
