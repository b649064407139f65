/**
 * People moved up from the waitlist are told, whatever freed the seat (someone answering "no",
 * an erasure, a larger capacity): a DM in the guild's language, or a mention in the events channel
 * when their DMs are closed. Each notice is taken once and dropped once told
 * (shared/deepen/events/seats.service.ts); a check (`deepen:event:seats`, scheduled before the DMs)
 * tells whoever a crash or a refused DM left untold, with agenda's backoff.
 */
import type { Client, Guild } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import { bestEffort } from '../../../core/best-effort.js';
import { guildVoice } from './guild-voice.js';
import { dmOrMention } from './notify.js';
import { refreshAnnouncement } from './publish.js';
import { stamp } from '../presenters/time.js';
import { scheduleSeatsCheck } from '../../../../shared/deepen/events/event-jobs.job.js';

export async function tellPromoted(ctx: BotContext, guild: Guild, occurrenceId: string): Promise<void> {
  const svc = ctx.services.deepenEvents.seats;
  const pending = await svc.pendingPromotions(occurrenceId);
  if (!pending) return;
  const { occurrence: occ, userIds } = pending;
  // Durable first: whoever this run leaves untold is told by the check.
  if (ctx.agenda) await scheduleSeatsCheck(ctx.agenda, occurrenceId, ctx.services.clock.now());
  const { settings, tr } = await guildVoice(ctx, guild.id);
  const vars = { title: occ.title, when: stamp(occ.start) };
  await dmOrMention(
    ctx,
    guild,
    userIds,
    { content: tr('deepen.events.rsvp.promoted', vars) },
    (mentions) => tr('deepen.events.rsvp.promotedChannel', { ...vars, mentions }),
    settings.channels.events,
    {
      claim: (userId) => svc.claimPromotion(occurrenceId, userId, ctx.services.clock.now()),
      done: (ids) => svc.markPromotionsTold(occurrenceId, ids),
    },
  );
}

/** `deepen:event:seats`: the seats changed without an interaction (an erasure): redraw, then tell. */
export async function seatsChanged(ctx: BotContext, client: Client, occurrenceId: string): Promise<void> {
  const occ = await ctx.services.deepenEvents.series.findOccurrence(occurrenceId);
  const guild = occ && client.guilds.cache.get(occ.guildId);
  if (!guild) return;
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId });
  await bestEffort(log, 'update the event announcement', () => refreshAnnouncement(ctx, guild, occurrenceId));
  await tellPromoted(ctx, guild, occurrenceId);
  // Someone is still untold (a DM refused other than for closed DMs): agenda's backoff tries again.
  if (await ctx.services.deepenEvents.seats.pendingPromotions(occurrenceId))
    throw new Error('people moved up from the waitlist are still untold');
}
