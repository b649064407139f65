import { MessageFlags, type Interaction } from 'discord.js';
import { childLogger } from '../../shared/logger.js';
import { t } from '../../shared/i18n/index.js';
import { interactionLocale, type BotContext } from '../context.js';
import { userMessageFor } from './user-message.js';
import { describeDomainError, isDomainError } from '../../shared/errors.js';

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
  const command = interactionLabel(interaction);
  const log = childLogger(ctx.logger, {
    guildId: interaction.guildId ?? undefined,
    userId: interaction.user.id,
    command,
  });
  const message = userMessageFor(error);
  // A user's mistake or a refusal is not a fault: one readable line without a stack.
  if (message.expected) {
    const reason = isDomainError(error) ? error.code : message.key;
    log.info({ reason }, `${command} refused: ${reason}`);
  } else log.error({ err: error }, 'interaction handler failed');

  if (!interaction.isRepliable()) return;
  const locale = await interactionLocale(ctx, interaction);
  const content = isDomainError(error)
    ? describeDomainError(locale, error)
    : t(locale, message.key, message.vars);
  try {
    await answerEphemerally(interaction, content);
  } catch (replyError) {
    log.warn({ err: replyError }, 'could not tell the user about the error');
  }
}

type Repliable = Extract<Interaction, { isRepliable(): boolean; deferReply: unknown }>;

/**
 * Discord turns the first follow-up after a deferred reply into an edit of the "thinking…"
 * message, which keeps the deferral's visibility and ignores the Ephemeral flag. So a public
 * deferral is deleted first and the error follows up privately; an ephemeral one is edited; after a
 * deferred *update* the error is a new private follow-up.
 */
async function answerEphemerally(interaction: Repliable, content: string): Promise<void> {
  const flags = MessageFlags.Ephemeral;
  // discord.js leaves `ephemeral` null after deferUpdate(): the "original" is then the message the
  // component sits on (a role panel, say), which must never be edited or deleted here.
  if (interaction.deferred && !interaction.replied && interaction.ephemeral === null) {
    await interaction.followUp({ content, flags });
    return;
  }
  if (interaction.deferred && !interaction.replied) {
    if (interaction.ephemeral) {
      await interaction.editReply({ content });
      return;
    }
    await interaction.deleteReply();
    await interaction.followUp({ content, flags });
    return;
  }
  if (interaction.replied) await interaction.followUp({ content, flags });
  else await interaction.reply({ content, flags });
}
