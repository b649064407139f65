import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../core/command.js';
import { describe, localizedName } from '../../core/localize.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { relayStatusEmbed } from '../presenters/relay.presenter.js';

/** `/relay status`: the live intro relay chains (自己紹介バトン), who holds the baton, where it broke. */
export const relay: Command = {
  data: describe(
    new SlashCommandBuilder().setName('relay').setNameLocalizations(localizedName('relay')),
    'bot.command.relay.description',
  )
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) => describe(sub.setName('status'), 'bot.command.relay.status.description')),

  async execute(interaction, ctx) {
    if (!interaction.inGuild()) throw new UserError('bot.error.guildOnly');
    const tr = await interactionTranslator(ctx, interaction);
    const status = await ctx.services.know.relay.getRelayStatus(interaction.guildId);
    await interaction.reply({ embeds: [relayStatusEmbed(tr, status)], flags: MessageFlags.Ephemeral });
  },
};
