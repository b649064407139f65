import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import type { BotContext } from '../../context.js';
import { childLogger } from '../../../shared/logger.js';
import { defineRelayJobs } from '../../../shared/know/relay-reminder.job.js';
import { batonReturned, remindNominee } from './relay-actions.js';

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
    processRelayLink: (linkId, now) => ctx.services.know.relay.processRelayLink(linkId, now),
    now: () => ctx.services.clock.now(),
    logger: ctx.logger,
    async notifyReminder(result) {
      const guild = guildOf(result.link.guildId);
      if (guild) await remindNominee(ctx, guild, result.link);
    },
    async notifyPassed(result) {
      const guild = guildOf(result.link.guildId);
      if (!guild) return;
      await batonReturned(ctx, guild, { chain: result.chain, nomineeId: result.link.nomineeId });
    },
  });
}
