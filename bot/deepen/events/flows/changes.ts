/** Carrying edits and cancellations into Discord: the scheduled events, jobs, announcements, people. */
import { GuildScheduledEventStatus, RESTJSONErrorCodes, type Guild } from 'discord.js';
import { discordCode } from '../../../core/discord-errors.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import { bestEffort } from '../../../core/best-effort.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import {
  cancelOccurrenceJobs,
  scheduleOccurrenceJobs,
  schedulePlanning,
} from '../../../../shared/deepen/events/event-jobs.job.js';

const HOUR_MS = 60 * 60_000;
import { DEFAULT_EVENT_REMINDER_MINUTES } from '../../../../shared/kernel/guild-settings.service.js';
import { REPLANNED } from '../../../../shared/deepen/events/replan.service.js';
import { createDiscordEvent, publishOccurrence, refreshAnnouncement } from './publish.js';
import { guildVoice } from './guild-voice.js';
import { dmOrMention } from './notify.js';
import { stamp } from '../presenters/time.js';
import { tellPromoted } from './seats.js';

/**
 * Carries an edit's occurrences into Discord by what each became, as stored (so a run again after
 * a crash does the same): removed by a change of repeat (its event deleted, its "yes" holders told),
 * made by one (`toPublish`: event, announcement, jobs), or changed (its event updated, jobs moved,
 * announcement redrawn, its "yes" holders told of a new time).
 */
export async function applyEdits(ctx: BotContext, guild: Guild, changed: readonly OccurrenceView[]) {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  const { settings } = await guildVoice(ctx, guild.id);
  for (const occ of changed) {
    if (occ.status === 'cancelled' || occ.toPublish) {
      await finishChange(ctx, guild, occ);
      continue;
    }
    if (occ.discordEventId) {
      const id = occ.discordEventId;
      await bestEffort(log, 'update the Discord scheduled event', () =>
        guild.scheduledEvents.edit(id, {
          name: occ.title,
          scheduledStartTime: occ.start,
          scheduledEndTime: occ.end,
          // null clears it (Modify Guild Scheduled Event takes `description?: ?string`; an omitted
          // field keeps the old one). discord.js types it as string only, and passes null through.
          description: (occ.description || null) as string | undefined,
          channel: occ.lobbyChannelId,
        }),
      );
    } else {
      // None yet (its lobby was deleted, taking the event with it, or Discord refused it): make it.
      await createDiscordEvent(ctx, guild, occ);
    }
    if (ctx.agenda) {
      await cancelOccurrenceJobs(ctx.agenda, occ.occurrenceId);
      await scheduleOccurrenceJobs(
        ctx.agenda,
        occ,
        settings.eventReminderMinutes ?? DEFAULT_EVENT_REMINDER_MINUTES,
        ctx.services.clock.now(),
      );
    }
    await bestEffort(log, 'update the event announcement', () =>
      refreshAnnouncement(ctx, guild, occ.occurrenceId),
    );
    await bestEffort(log, 'tell the "yes" holders the new time', () =>
      tellMoved(ctx, guild, occ.occurrenceId),
    );
    // A larger capacity moved people up from the waitlist.
    await bestEffort(log, 'tell who moved up from the waitlist', () =>
      tellPromoted(ctx, guild, occ.occurrenceId),
    );
  }
}

/**
 * What a change of repeat left to carry out on one occurrence (also run by the daily planning job,
 * for a run that died): publish a new one, delete a removed one's Discord event, tell its people.
 */
export async function finishChange(ctx: BotContext, guild: Guild, occ: OccurrenceView): Promise<void> {
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId: occ.occurrenceId });
  if (occ.status === 'cancelled') {
    if (occ.problems.includes(REPLANNED)) await carryOutRemoval(ctx, guild, occ);
    return;
  }
  if (occ.toPublish) {
    await publishOccurrence(ctx, guild, occ);
    // One brought back keeps its announcement message: redrawn as planned again.
    if (occ.announcement.messageId)
      await bestEffort(log, 'update the event announcement', () =>
        refreshAnnouncement(ctx, guild, occ.occurrenceId),
      );
    await ctx.services.deepenEvents.notices.markPublished(occ.occurrenceId);
  }
  await bestEffort(log, 'tell the "yes" holders the new time', () => tellMoved(ctx, guild, occ.occurrenceId));
}

/** The claim and release of each change notice, so each person is told once. */
function noticeProgress(ctx: BotContext, occurrenceId: string) {
  const notices = ctx.services.deepenEvents.notices;
  return {
    claim: (userId: string) => notices.claimChangeNotice(occurrenceId, userId, ctx.services.clock.now()),
    done: (ids: readonly string[]) => notices.markChangeTold(occurrenceId, ids),
  };
}

/**
 * Tells the "yes" holders of a moved occurrence the start they agreed to and the new one, or those
 * of one brought back that it is planned again.
 */
async function tellMoved(ctx: BotContext, guild: Guild, occurrenceId: string): Promise<void> {
  const occ = await ctx.services.deepenEvents.series.findOccurrence(occurrenceId);
  if (!occ || occ.status !== 'scheduled' || !occ.changeToTell?.length) return;
  const { settings, tr } = await guildVoice(ctx, guild.id);
  const from = occ.movedFrom ? stamp(occ.movedFrom) : '';
  const vars = { title: occ.title, when: stamp(occ.start), from, server: guild.name };
  // No earlier start: it was removed by a change of repeat and is planned again.
  const moved = occ.movedFrom !== null && occ.movedFrom !== undefined;
  await dmOrMention(
    ctx,
    guild,
    occ.changeToTell,
    { content: tr(moved ? 'deepen.events.moved.dm' : 'deepen.events.back.dm', vars) },
    (mentions) =>
      tr(moved ? 'deepen.events.moved.channel' : 'deepen.events.back.channel', { ...vars, mentions }),
    settings.channels.events,
    noticeProgress(ctx, occurrenceId),
  );
}

export async function notifyCancelled(ctx: BotContext, guild: Guild, cancelled: readonly OccurrenceView[]) {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  const { settings, tr } = await guildVoice(ctx, guild.id);
  for (const occ of cancelled) {
    if (ctx.agenda) await cancelOccurrenceJobs(ctx.agenda, occ.occurrenceId);
    if (occ.discordEventId) {
      const id = occ.discordEventId;
      await bestEffort(log, 'cancel the Discord scheduled event', () =>
        guild.scheduledEvents.edit(id, { status: GuildScheduledEventStatus.Canceled }),
      );
    }
    await bestEffort(log, 'update the event announcement', () =>
      refreshAnnouncement(ctx, guild, occ.occurrenceId),
    );
    const going = occ.rsvps.filter((r) => r.answer === 'yes').map((r) => r.userId);
    const vars = { title: occ.title, when: stamp(occ.start), server: guild.name };
    await dmOrMention(
      ctx,
      guild,
      going,
      { content: tr('deepen.events.cancel.dm', vars) },
      (mentions) => tr('deepen.events.cancel.channel', { ...vars, mentions }),
      settings.channels.events,
    );
  }
}

/**
 * An occurrence a change of repeat removed: its jobs cancelled and Discord event deleted (the
 * removal stays pending until Discord has it), its "yes" holders told once each.
 */
async function carryOutRemoval(ctx: BotContext, guild: Guild, occ: OccurrenceView) {
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId: occ.occurrenceId });
  const { settings, tr } = await guildVoice(ctx, guild.id);
  if (occ.removalPending) {
    if (ctx.agenda) await cancelOccurrenceJobs(ctx.agenda, occ.occurrenceId);
    let gone = true;
    if (occ.discordEventId) {
      const id = occ.discordEventId;
      try {
        await guild.scheduledEvents.delete(id);
      } catch (error) {
        // Already gone (a run again after a crash, or deleted by hand): nothing left to do.
        if (discordCode(error) !== RESTJSONErrorCodes.UnknownGuildScheduledEvent) {
          log.warn({ err: error }, 'could not delete the Discord scheduled event');
          gone = false;
        }
      }
    }
    await bestEffort(log, 'update the event announcement', () =>
      refreshAnnouncement(ctx, guild, occ.occurrenceId),
    );
    // Refused (an outage): left pending, and the series' planning job, which finishes it, is
    // brought forward to within the hour (it moves itself back to daily after its run).
    if (gone) await ctx.services.deepenEvents.notices.markRemovalDone(occ.occurrenceId);
    else if (ctx.agenda)
      await schedulePlanning(
        ctx.agenda,
        occ.seriesId,
        new Date(ctx.services.clock.now().getTime() + HOUR_MS),
      );
  }
  const fresh = await ctx.services.deepenEvents.series.findOccurrence(occ.occurrenceId);
  const going = fresh?.changeToTell ?? [];
  if (going.length === 0) return;
  const vars = { title: occ.title, when: stamp(occ.start), server: guild.name };
  await dmOrMention(
    ctx,
    guild,
    going,
    { content: tr('deepen.events.replan.dm', vars) },
    (mentions) => tr('deepen.events.replan.channel', { ...vars, mentions }),
    settings.channels.events,
    noticeProgress(ctx, occ.occurrenceId),
  );
}
