import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { ComponentFamily } from '../../core/component.js';
import { interactionTranslator, type BotContext } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { once } from '../../core/once.js';
import { personalInviteFor } from '../flows/personal-invite.js';
import { personalInviteText } from '../presenters/personal-invite.presenter.js';

/**
 * "Invite a friend" (`myinvite:get:<guildId>`; older intro posts carry `myinvite:get`, pressed
 * in the guild): the presser's own invite link, privately.
 */
export const personalInviteComponents: ComponentFamily = {
  prefix: 'myinvite',
  async button(interaction, [action, guildId], ctx) {
    if (action !== 'get') throw new UserError('bot.error.expiredComponent');
    await answerWithPersonalInvite(interaction, ctx, guildId ?? interaction.guildId ?? undefined);
  },
};

/**
 * Shared by `/invite mine` and the button: one request per member at a time (a double click is
 * told to wait), then the link in an ephemeral reply.
 */
export async function answerWithPersonalInvite(
  interaction: ButtonInteraction | ChatInputCommandInteraction,
  ctx: BotContext,
  guildId: string | undefined = interaction.guildId ?? undefined,
): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, guildId);
  const tr = await interactionTranslator(ctx, interaction);
  const ran = await once(ctx, `myinvite:${guild.id}:${member.id}`, async () => {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const link = await personalInviteFor(ctx, tr, guild, member, interaction.channelId);
    await interaction.editReply({ content: personalInviteText(tr, link) });
  });
  if (!ran)
    await interaction.reply({
      content: tr('bot.connect.invite.mineInProgress'),
      flags: MessageFlags.Ephemeral,
    });
}
