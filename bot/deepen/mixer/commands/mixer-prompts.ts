/** `/mixer prompts add|list|remove`: an organiser's own prompts per theme. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { themeName } from '../../../../shared/deepen/prompts/index.js';
import { interactionLocale, interactionTranslator, type BotContext } from '../../../context.js';

export async function runPrompts(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: BotContext,
): Promise<void> {
  const svc = ctx.services.mixer.customPrompts;
  const tr = await interactionTranslator(ctx, interaction);
  const locale = await interactionLocale(ctx, interaction);
  const sub = interaction.options.getSubcommand();
  let content: string;
  if (sub === 'add') {
    const added = await svc.addCustomPrompt({
      guildId: interaction.guildId,
      theme: interaction.options.getString('theme', true),
      text: interaction.options.getString('text', true),
      by: interaction.user.id,
    });
    content = tr('deepen.mixer.prompts.added', { theme: themeName(added.theme, locale), id: added.id });
  } else if (sub === 'list') {
    const theme = interaction.options.getString('theme', true);
    const list = await svc.listCustomPrompts(interaction.guildId, theme);
    content = list.length
      ? [
          tr('deepen.mixer.prompts.listTitle', { theme: themeName(theme, locale) }),
          ...list.map((p) => `\`${p.id}\` ${p.text}`),
        ].join('\n')
      : tr('deepen.mixer.prompts.none', { theme: themeName(theme, locale) });
  } else {
    const id = interaction.options.getString('id', true).trim();
    await svc.removeCustomPrompt(interaction.guildId, id);
    content = tr('deepen.mixer.prompts.removed', { id });
  }
  // The command deferred (ephemeral) before any database read.
  await interaction.editReply({ content: content.slice(0, 2000), allowedMentions: { parse: [] } });
}
