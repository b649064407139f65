import type { ComponentFamily } from './types.js';
import { interactionTranslator } from '../context.js';
import { UserError } from '../errors/user-error.js';
import { connect } from '../features/connect/services.js';
import { guildAndMember } from '../features/connect/guild-of.js';
import { withDomainErrors } from '../features/connect/domain-errors.js';
import { findMember } from '../features/connect/members.js';
import { announceNomination } from '../features/connect/relay-actions.js';

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
    const svc = connect(ctx);
    const { link } = await withDomainErrors(ctx, interaction, () =>
      svc.relay.nominate({
        guildId: guild.id,
        by: { userId: member.id },
        nominee: { userId: nomineeId, isBot: user?.bot ?? false, isMember: nominee !== null },
        now: svc.now(),
      }),
    );
    const tr = await interactionTranslator(ctx, interaction);
    await interaction.update({
      content: tr('bot.connect.relay.nominated', { nominee: `<@${nomineeId}>` }),
      components: [],
    });
    await announceNomination(ctx, guild, link);
  },
};
