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
} from '../../../../shared/deepen/events/event-jobs.job.js';
import { DEFAULT_EVENT_REMINDER_MINUTES } from '../../../../shared/kernel/guild-settings.service.js';
import { REPLANNED } from '../../../../shared/deepen/events/replan.service.js';
import { createDiscordEvent, publishOccurrence, refreshAnnouncement } from './publish.js';
import { guildVoice } from './guild-voice.js';
import { dmOrMention } from './notify.js';
import { stamp } from '../presenters/time.js';
import { tellPromoted } from './seats.js';

/**
 * Carries an edit's occurrences into Discord by what each became: removed by a change of repeat
 * (its event deleted, its "yes" holders told), new (published: event, announcement, jobs), or
 * changed (its event updated, jobs moved, announcement redrawn). Read from the stored state, so a
 * run again after a crash does the same.
 */
export async function applyEdits(ctx: BotContext, guild: Guild, changed: readonly OccurrenceView[]) {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  const { settings } = await guildVoice(ctx, guild.id);
  for (const occ of changed) {
    if (occ.status === 'cancelled') {
      if (occ.problems.includes(REPLANNED)) await notifyRemoved(ctx, guild, occ);
      continue;
    }
    if (!occ.announcement.messageId) {
      await bestEffort(log, 'publish a new occurrence', () => publishOccurrence(ctx, guild, occ));
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
    // A larger capacity moved people up from the waitlist.
    await bestEffort(log, 'tell who moved up from the waitlist', () =>
      tellPromoted(ctx, guild, occ.occurrenceId),
    );
  }
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

/** An occurrence a change of repeat removed: its Discord event deleted, its "yes" holders told. */
async function notifyRemoved(ctx: BotContext, guild: Guild, occ: OccurrenceView) {
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId: occ.occurrenceId });
  const { settings, tr } = await guildVoice(ctx, guild.id);
  if (ctx.agenda) await cancelOccurrenceJobs(ctx.agenda, occ.occurrenceId);
  if (occ.discordEventId) {
    const id = occ.discordEventId;
    await bestEffort(log, 'delete the Discord scheduled event', async () => {
      try {
        await guild.scheduledEvents.delete(id);
      } catch (error) {
        // Already gone (a run again after a crash, or deleted by hand): nothing left to do.
        if (discordCode(error) !== RESTJSONErrorCodes.UnknownGuildScheduledEvent) throw error;
      }
    });
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
    { content: tr('deepen.events.replan.dm', vars) },
    (mentions) => tr('deepen.events.replan.channel', { ...vars, mentions }),
    settings.channels.events,
  );
}
