import { Events } from 'discord.js';
import { defineEvent } from '../../../core/event.js';
import { bestEffort } from '../../../core/best-effort.js';
import { postIn } from '../../../core/channels.js';
import { guildVoice } from '../flows/guild-voice.js';

/**
 * An organiser left the server: their upcoming events still happen (the bot runs them), and the
 * events channel says so, so another organiser can take over with /event edit or cancel.
 */
export const organiserLeft = defineEvent({
  name: Events.GuildMemberRemove,
  async execute(ctx, member) {
    if (member.user?.bot) return;
    const upcoming = await ctx.services.deepenEvents.series.listUpcoming(
      member.guild.id,
      ctx.services.clock.now(),
      100,
    );
    const theirs = upcoming.filter((o) => o.organiserId === member.id && o.status === 'scheduled');
    if (theirs.length === 0) return;
    const { settings, tr } = await guildVoice(ctx, member.guild.id);
    const titles = [...new Set(theirs.map((o) => o.title))].join(', ');
    await bestEffort(ctx.logger, 'say the organiser left', () =>
      postIn(member.guild, settings.channels.events, {
        content: tr('deepen.events.organiserLeft', { titles, count: theirs.length }),
        allowedMentions: { parse: [] },
      }),
    );
  },
});
