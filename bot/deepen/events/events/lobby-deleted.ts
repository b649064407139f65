import { Events } from 'discord.js';
import { defineEvent } from '../../../core/event.js';
import { bestEffort } from '../../../core/best-effort.js';
import { postIn } from '../../../core/channels.js';
import { guildVoice } from '../flows/guild-voice.js';

/**
 * A lobby was deleted: every event planned there is noted and its organiser is told in the events
 * channel to pick another lobby (/event edit lobby, or the dashboard) or cancel; nothing is
 * dropped silently. Discord deleted the channel's scheduled events with it, without a
 * GUILD_SCHEDULED_EVENT_DELETE (discord-api-docs#4581): their ids are forgotten here, and an
 * edit to a new lobby creates a new one.
 */
export const lobbyDeleted = defineEvent({
  name: Events.ChannelDelete,
  async execute(ctx, channel) {
    if (channel.isDMBased()) return;
    const svc = ctx.services.deepenEvents;
    const affected = await svc.series.upcomingInLobby(channel.guild.id, channel.id);
    if (affected.length === 0) return;
    const { settings, tr } = await guildVoice(ctx, channel.guild.id);
    for (const occ of affected) {
      await svc.series.recordProblem(occ.occurrenceId, 'deepen.events.problem.lobbyDeleted');
      if (occ.discordEventId) await svc.series.recordPublished(occ.occurrenceId, { discordEventId: null });
      await bestEffort(ctx.logger, 'say the lobby is gone', () =>
        postIn(channel.guild, settings.channels.events, {
          content: tr('deepen.events.lobbyGone', { title: occ.title, organiser: `<@${occ.organiserId}>` }),
          allowedMentions: { users: [occ.organiserId] },
        }),
      );
    }
  },
});
