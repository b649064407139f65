import { MessageFlags, type Interaction } from 'discord.js';
import { childLogger } from '../../shared/logger.js';
import { t } from '../../shared/i18n/index.js';
import { interactionLocale, type BotContext } from '../context.js';
import { userMessageFor } from './user-message.js';

/** The command or custom id an interaction is about, for logs. */
export function interactionLabel(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) {
    const sub = interaction.options.getSubcommand(false);
    return sub ? `/${interaction.commandName} ${sub}` : `/${interaction.commandName}`;
  }
  if (interaction.isCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId;
  return 'interaction';
}

/**
 * THE error boundary for interactions (discord.js guide): logs with guild/user/command, then
 * answers ephemerally in the user's language — followUp when already replied or deferred, else
 * reply. If even that fails (the interaction expired), it logs and gives up: nothing crashes.
 */
export async function handleInteractionError(
  interaction: Interaction,
  error: unknown,
  ctx: BotContext,
): Promise<void> {
  const log = childLogger(ctx.logger, {
    guildId: interaction.guildId ?? undefined,
    userId: interaction.user.id,
    command: interactionLabel(interaction),
  });
  const message = userMessageFor(error);
  if (message.expected) log.info({ reason: message.key, err: error }, 'interaction ended with a user-facing error');
  else log.error({ err: error }, 'interaction handler failed');

  if (!interaction.isRepliable()) return;
  const locale = await interactionLocale(ctx, interaction);
  const payload = { content: t(locale, message.key, message.vars), flags: MessageFlags.Ephemeral } as const;
  try {
    if (interaction.replied || interaction.deferred) await interaction.followUp(payload);
    else await interaction.reply(payload);
  } catch (replyError) {
    log.warn({ err: replyError }, 'could not tell the user about the error');
  }
}
