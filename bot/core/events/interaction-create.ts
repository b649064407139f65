import { Events, type Interaction } from 'discord.js';
import { defineEvent } from '../event.js';
import type { BotContext } from '../../context.js';
import { handleInteractionError } from '../interaction-error-boundary.js';
import { UserError } from '../user-error.js';
import { routeComponent } from '../component-router.js';

/** Routes every interaction to its command or component family, inside the one error boundary. */
export const interactionCreate = defineEvent({
  name: Events.InteractionCreate,
  async execute(ctx, interaction) {
    try {
      await dispatch(interaction, ctx);
    } catch (error) {
      await handleInteractionError(interaction, error, ctx);
    }
  },
});

async function dispatch(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const command = ctx.commands.get(interaction.commandName);
    if (!command) throw new UserError('bot.error.unknownCommand');
    return command.execute(interaction, ctx);
  }
  if (interaction.isAutocomplete()) {
    // Autocomplete cannot show an error message; an empty list is the honest answer.
    const command = ctx.commands.get(interaction.commandName);
    if (command?.autocomplete) return command.autocomplete(interaction, ctx);
    return void (await interaction.respond([]));
  }
  if (interaction.isButton() || interaction.isAnySelectMenu() || interaction.isModalSubmit()) {
    return routeComponent(interaction, ctx);
  }
}
