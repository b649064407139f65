import type { ComponentFamily } from '../../core/component.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { findMember } from '../../core/members.js';
import { announceNomination } from '../flows/relay-actions.js';

/**
 * `relay:nominate:<guildId>`: the baton holder picks the next person in a user select. The
 * service refuses self, bots, members who left or already introduced, and second nominations
 * (a double click nominates once); each gets its localized answer from the error boundary.
 */
export const relayComponents: ComponentFamily = {
  prefix: 'relay',

  async select(interaction, [action, guildId], ctx) {
    if (action !== 'nominate' || !interaction.isUserSelectMenu())
      throw new UserError('bot.error.expiredComponent');
    const { guild, member } = await guildAndMember(interaction, guildId);
    const nomineeId = interaction.values[0];
    if (!nomineeId) throw new UserError('bot.error.expiredComponent');
    const nominee = await findMember(guild, nomineeId);
    const user = nominee?.user ?? interaction.users.get(nomineeId);
    const svc = ctx.services;
    const { link } = await svc.know.relay.nominate({
      guildId: guild.id,
      by: { userId: member.id },
      nominee: { userId: nomineeId, isBot: user?.bot ?? false, isMember: nominee !== null },
      now: svc.clock.now(),
    });
    const tr = await interactionTranslator(ctx, interaction);
    await interaction.update({
      content: tr('bot.connect.relay.nominated', { nominee: `<@${nomineeId}>` }),
      components: [],
    });
    await announceNomination(ctx, guild, link);
  },
};
