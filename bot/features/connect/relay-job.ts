import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import type { BotContext } from '../../context.js';
import { childLogger } from '../../../shared/logger.js';
import type { RelayLinkView } from '../../../shared/services/relay.service.js';
import {
  defineRelayJobs,
  scheduleRelayCheck as scheduleJob,
} from '../../../shared/jobs/relay-reminder.job.js';
import { connect } from './services.js';

/**
 * Schedules the check of a nomination at its reminder time (one job per link). Without a
 * scheduler (the web process, tests of other areas) nothing is scheduled and the nomination waits.
 */
export async function scheduleRelayCheck(ctx: BotContext, link: RelayLinkView): Promise<void> {
  if (ctx.agenda) await scheduleJob(ctx.agenda, link.linkId, link.reminderDueAt);
}

/**
 * Gives the relay check job (shared/jobs) its Discord callbacks: a reminder DMs the nominee
 * (or mentions them when DMs are closed); a pass hands the baton back to the nominator by DM,
 * or lets the bot nominate the newest member without an intro.
 */
export function defineRelayJob(agenda: Agenda, ctx: BotContext, client: Client): void {
  const guildOf = (guildId: string) => {
    const guild = client.guilds.cache.get(guildId);
    if (!guild) childLogger(ctx.logger, { guildId }).warn('relay check for a guild the bot is not in');
    return guild;
  };
  defineRelayJobs(agenda, {
    processRelayLink: (linkId, now) => connect(ctx).relay.processRelayLink(linkId, now),
    now: () => connect(ctx).now(),
    logger: ctx.logger,
    async notifyReminder(result) {
      const guild = guildOf(result.link.guildId);
      // Imported lazily: relay-actions imports this module to schedule checks.
      if (guild) await (await import('./relay-actions.js')).remindNominee(ctx, guild, result.link);
    },
    async notifyPassed(result) {
      const guild = guildOf(result.link.guildId);
      if (!guild) return;
      const { batonReturned } = await import('./relay-actions.js');
      await batonReturned(ctx, guild, { chain: result.chain, nomineeId: result.link.nomineeId });
    },
  });
}
