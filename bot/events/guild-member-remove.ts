import { Events } from 'discord.js';
import { defineEvent } from './types.js';
import { connect } from '../features/connect/services.js';
import { batonReturned } from '../features/connect/relay-actions.js';

/**
 * A member left: the profile stays (they may come back) with the leave recorded, and relay
 * nominations waiting for them go back to their nominators (or the bot picks someone).
 */
export const guildMemberRemove = defineEvent({
  name: Events.GuildMemberRemove,
  async execute(ctx, member) {
    if (member.user?.bot) return;
    const guildId = member.guild.id;
    await connect(ctx).welcome.recordLeave({ guildId, userId: member.id });
    const { cancelled, chainsToBot } = await connect(ctx).relay.cancelNominationsOfLeaver({
      guildId,
      userId: member.id,
    });
    for (const { link, chain } of cancelled) {
      await batonReturned(ctx, member.guild, {
        chain,
        nomineeId: link.nomineeId,
        excludeUserIds: [member.id],
      });
    }
    for (const chain of chainsToBot) {
      await batonReturned(ctx, member.guild, { chain, nomineeId: null, excludeUserIds: [member.id] });
    }
  },
});
