/** Carrying edits and cancellations into Discord: the scheduled events, jobs, announcements, people. */
import { GuildScheduledEventStatus, type Guild } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import { bestEffort } from '../../../core/best-effort.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import {
  cancelOccurrenceJobs,
  scheduleOccurrenceJobs,
} from '../../../../shared/deepen/events/event-jobs.job.js';
import { DEFAULT_EVENT_REMINDER_MINUTES } from '../../../../shared/kernel/guild-settings.service.js';
import { createDiscordEvent, refreshAnnouncement } from './publish.js';
import { guildVoice } from './guild-voice.js';
import { dmOrMention } from './notify.js';
import { stamp } from '../presenters/time.js';

export async function applyEdits(ctx: BotContext, guild: Guild, changed: readonly OccurrenceView[]) {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  const { settings } = await guildVoice(ctx, guild.id);
  for (const occ of changed) {
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
