import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';
import { attributeJoin } from '../flows/invite-tracker.js';
import { welcomeMember } from '../flows/welcome-member.js';
import type { JoinResult } from '../../../shared/connect/welcome.service.js';

/**
 * A member joined: record the join (returning members are recognised), attribute it to the
 * invite used, then welcome them. Bots are neither welcomed nor counted.
 */
export const guildMemberAdd = defineEvent({
  name: Events.GuildMemberAdd,
  async execute(ctx, member) {
    if (member.user.bot) return;
    const joinedAt = member.joinedAt ?? new Date();
    let join: JoinResult | undefined;
    const record = async () => {
      join = await ctx.services.connect.welcome.recordJoin({
        guildId: member.guild.id,
        userId: member.id,
        joinedAt,
      });
      return join.outcome !== 'duplicate';
    };
    const via = await attributeJoin(ctx, member.guild, member.id, joinedAt, record);
    if (!join || join.outcome === 'duplicate') return;
    // One line per community action (the sandbox's terminal shows the community living).
    ctx.logger.info(
      {
        guildId: member.guild.id,
        userId: member.id,
        invite: via?.code ?? undefined,
        cohort: via?.label ?? undefined,
        // Who is credited (a person's own invite, or the organiser who asked for a cohort one).
        inviterId: via?.inviterId && via.inviterId !== member.client.user.id ? via.inviterId : undefined,
      },
      `${join.outcome === 'returning' ? 'member came back' : 'member joined'}${
        via?.code ? ` through invite ${via.code}${via.label ? ` ("${via.label}")` : ''}` : ''
      }`,
    );
    await welcomeMember(ctx, member, join);
  },
});
