import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';

/** Counts a join in the guild's hourly rollup (bots are not members of the alumni network). */
export const countJoin = defineEvent({
  name: Events.GuildMemberAdd,
  execute(ctx, member) {
    if (member.user.bot) return;
    ctx.services.insights.activity.member(
      member.guild.id,
      member.id,
      'joins',
      member.joinedAt ?? ctx.services.clock.now(),
    );
  },
});

/** Counts a leave (the member may be partial: only its ids are read). */
export const countLeave = defineEvent({
  name: Events.GuildMemberRemove,
  execute(ctx, member) {
    if (member.user?.bot) return;
    ctx.services.insights.activity.member(member.guild.id, member.id, 'leaves', ctx.services.clock.now());
  },
});
