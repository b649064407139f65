import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';
import { childLogger } from '../../../shared/logger.js';
import { announceNomination } from '../flows/relay-actions.js';

/**
 * A member joined: a baton the bot holds (nobody without an intro was left when it came back)
 * goes to the newcomer at once, so a chain never waits for an organiser who is not looking.
 * Runs beside connect's join handler (welcome, invite attribution); the service tolerates the
 * profile not being marked as present yet.
 */
export const relayOnJoin = defineEvent({
  name: Events.GuildMemberAdd,
  async execute(ctx, member) {
    if (member.user.bot) return;
    const svc = ctx.services;
    const picked = await svc.know.relay.handWaitingBatonToNewcomer({
      guildId: member.guild.id,
      userId: member.id,
      isBot: member.user.bot,
      now: svc.clock.now(),
    });
    if (!picked) return;
    childLogger(ctx.logger, { guildId: member.guild.id, userId: member.id }).info(
      { chain: picked.chain.number },
      'a newcomer picked up a waiting relay baton',
    );
    await announceNomination(ctx, member.guild, picked.link);
  },
});
