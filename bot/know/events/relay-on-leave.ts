import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';
import { batonReturned } from '../flows/relay-actions.js';

/**
 * A member left: relay nominations waiting for them go back to their nominators, and a baton
 * they held moves on (or the bot picks someone).
 */
export const relayOnLeave = defineEvent({
  name: Events.GuildMemberRemove,
  async execute(ctx, member) {
    if (member.user?.bot) return;
    const { cancelled, chainsToBot } = await ctx.services.know.relay.cancelNominationsOfLeaver({
      guildId: member.guild.id,
      userId: member.id,
    });
    for (const { link, chain } of cancelled) {
      await batonReturned(ctx, member.guild, {
        chain,
        nomineeId: link.nomineeId,
        excludeUserIds: [member.id],
        reason: 'left',
        // Named, not mentioned: a mention of someone no longer in the server reads "@unknown-user".
        nomineeName: member.displayName,
      });
    }
    for (const chain of chainsToBot) {
      await batonReturned(ctx, member.guild, { chain, nomineeId: null, excludeUserIds: [member.id] });
    }
  },
});
