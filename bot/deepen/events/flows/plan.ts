/**
 * The daily planning of a series (`deepen:event:plan`): creates and publishes the occurrences due
 * ahead, publishes again those Discord refused, and finishes a change an edit left undone. It runs whatever became of the occurrences'
 * own start jobs (skipped, cancelled, failed), so a series never stops by itself.
 */
import type { Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import { bestEffort } from '../../../core/best-effort.js';
import { PLAN_EVERY_MS, schedulePlanning } from '../../../../shared/deepen/events/event-jobs.job.js';
import { publishOccurrence, refreshAnnouncement } from './publish.js';
import { finishChange } from './changes.js';

/** Starts the daily planning of a new series (its first occurrences are published by the caller). */
export async function startPlanning(ctx: BotContext, seriesId: string): Promise<void> {
  if (ctx.agenda)
    await schedulePlanning(
      ctx.agenda,
      seriesId,
      new Date(ctx.services.clock.now().getTime() + PLAN_EVERY_MS),
    );
}

/** Plans the series; returns when to plan it again (null: cancelled, or a one-off already past). */
export async function planSeries(ctx: BotContext, client: Client, seriesId: string): Promise<Date | null> {
  const svc = ctx.services.deepenEvents.series;
  const now = ctx.services.clock.now();
  const next = new Date(now.getTime() + PLAN_EVERY_MS);
  const before = await svc.planningState(seriesId, now);
  if (!before) return null;
  const guild = client.guilds.cache.get(before.guildId);
  // Not in the cache (an outage, the bot removed): try again tomorrow rather than give up.
  if (!guild) return before.goOn ? next : null;
  const log = childLogger(ctx.logger, { guildId: guild.id, seriesId });
  for (const occ of await svc.planAhead(seriesId, now))
    await bestEffort(log, 'publish a planned occurrence', () => publishOccurrence(ctx, guild, occ));
  for (const occ of before.refused)
    await bestEffort(log, 'publish a refused occurrence again', async () => {
      const { problems } = await publishOccurrence(ctx, guild, occ);
      if (problems.length === 0) await refreshAnnouncement(ctx, guild, occ.occurrenceId);
    });
  // What an edit that died left undone (a removal, a notice, a publication) is finished here.
  for (const occ of await ctx.services.deepenEvents.notices.pendingChanges(seriesId))
    await bestEffort(log, 'finish a change of the series', () => finishChange(ctx, guild, occ));
  const after = await svc.planningState(seriesId, now);
  return after?.goOn ? next : null;
}
