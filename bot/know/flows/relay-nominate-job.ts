import type { Agenda, Job } from 'agenda';
import type { Client } from 'discord.js';
import type { BotContext } from '../../context.js';
import { childLogger } from '../../../shared/logger.js';
import { isDomainError } from '../../../shared/errors.js';
import type { Vars } from '../../../shared/i18n/index.js';
import {
  RELAY_NOMINATE_JOB,
  type RelayNominateJobData,
} from '../../../shared/know/relay-organiser.service.js';
import { findMember } from '../../core/members.js';
import { announceNomination, tellOverriddenHolder } from './relay-actions.js';

/**
 * The dashboard's "Nominate" on the relay page: the web process cannot reach Discord, so it
 * records the request on the chain and enqueues this job; the worker nominates (the same service
 * path as `/relay nominate`), announces it, and writes the outcome back into the chain, where the
 * page shows it (done, or refused with the reason). The job acts only for the request it carries
 * while that request is still queued: a re-run, a duplicate or an older job does nothing.
 */
export function defineRelayNominateJob(agenda: Agenda, ctx: BotContext, client: Client): void {
  agenda.define<RelayNominateJobData>(RELAY_NOMINATE_JOB, async (job: Job<RelayNominateJobData>) => {
    const { guildId, chainId, nomineeId, requestId } = job.attrs.data;
    const svc = ctx.services;
    const log = childLogger(ctx.logger, { guildId, userId: nomineeId, job: RELAY_NOMINATE_JOB });
    if (!requestId) return void log.info('a dashboard nomination job without a request id: ignored');
    const claimed = await svc.know.relay.claimOrganiserNomination({
      chainId,
      requestId,
      now: svc.clock.now(),
    });
    if (!claimed) return void log.debug('this dashboard nomination was already carried out or replaced');
    const settle = (status: 'done' | 'refused', reasonKey: string | null = null, reasonVars: Vars = {}) =>
      svc.know.relay.settleOrganiserNomination({
        chainId,
        requestId,
        status,
        reasonKey,
        reasonVars: plain(reasonVars),
        now: svc.clock.now(),
      });
    const guild = client.guilds.cache.get(guildId);
    if (!guild) return void (await settle('refused', 'web.relay.nominate.botAbsent'));
    try {
      const nominee = await findMember(guild, nomineeId);
      const { chain, link, overriddenHolderId } = await svc.know.relay.nominateForOrganiser({
        guildId,
        chainId,
        nominee: { userId: nomineeId, isBot: nominee?.user.bot ?? false, isMember: nominee !== null },
        now: svc.clock.now(),
      });
      await settle('done');
      log.info('an organiser nominated from the dashboard');
      await announceNomination(ctx, guild, link);
      if (overriddenHolderId) await tellOverriddenHolder(ctx, guild, overriddenHolderId, chain.number);
    } catch (error) {
      if (!isDomainError(error)) {
        await settle('refused', 'web.relay.nominate.failed');
        throw error;
      }
      log.info({ reason: error.code }, 'a dashboard nomination was refused');
      // "You do not hold a baton" is the holder's wording: the organiser is told the baton moved on.
      if (error.code === 'RELAY_NOT_HOLDER') await settle('refused', 'web.relay.nominate.batonGone');
      else await settle('refused', error.i18nKey, error.vars);
    }
  });
}

/** The placeholder values a stored refusal keeps (strings and numbers). */
function plain(vars: Vars): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(vars).filter(
      (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
    ),
  );
}
