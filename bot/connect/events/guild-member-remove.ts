import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';

/** A member left: the profile stays (they may come back) with the leave recorded. */
export const guildMemberRemove = defineEvent({
  name: Events.GuildMemberRemove,
  async execute(ctx, member) {
    if (member.user?.bot) return;
    await ctx.services.connect.welcome.recordLeave({ guildId: member.guild.id, userId: member.id });
  },
});
