import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../command.js';
import { localizedDescription, localizedName } from '../localize.js';
import { interactionTranslator, type BotContext } from '../../context.js';
import { aboutMessage } from './about.presenter.js';
import type { Client } from 'discord.js';

const text = localizedDescription('bot.command.about.description');

/** `/about`: version, server count, latency and links; proves the command loop end to end. */
export const about: Command = {
  data: new SlashCommandBuilder()
    .setName('about')
    .setNameLocalizations(localizedName('about'))
    .setDescription(text.description)
    .setDescriptionLocalizations(text.descriptionLocalizations),

  async execute(interaction, ctx) {
    const tr = await interactionTranslator(ctx, interaction);
    await interaction.reply(aboutMessage(tr, aboutFacts(interaction.client, ctx)));
  },
};

/** What /about shows, read from the live client (shared with the Refresh button). */
export function aboutFacts(client: Client, ctx: BotContext) {
  return {
    version: ctx.version,
    guildCount: client.guilds.cache.size,
    latencyMs: client.ws.ping,
    ...(ctx.config.publicUrl ? { dashboardUrl: ctx.config.publicUrl } : {}),
    now: new Date(),
  };
}
