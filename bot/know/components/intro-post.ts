import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { interactionTranslator, type BotContext } from '../../context.js';
import { guildAndMember } from '../../core/guild-of.js';
import { publishIntro, type PublishResult } from '../flows/intro-publish.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { completeIntro } from '../flows/intro-complete.js';
import { once } from '../../core/once.js';

/**
 * "Post my introduction": publishes (or updates) the embed, then — the first time — grants the
 * Introduced role and asks for the next relay nominee. A second click while the first is still
 * running is told so; a click after it edits the same post, so nothing is ever posted twice.
 */
export async function postIntro(
  interaction: ButtonInteraction,
  guildId: string | undefined,
  ctx: BotContext,
): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, guildId);
  const tr = await interactionTranslator(ctx, interaction);
  const ran = await once(ctx, `intro:${guild.id}:${member.id}`, async () => {
    const profile = await ctx.services.know.profiles.requireProfile(guild.id, member.id);
    const result = await publishIntro(ctx, guild, member, profile);
    const firstTime =
      result.outcome === 'posted' || (result.outcome === 'noChannel' && !profile.introMessageId);
    const content = resultText(tr, result);
    await interaction.update(result.outcome === 'failed' ? { content } : { content, components: [] });
    if (!firstTime) return;
    const prompt = await completeIntro(ctx, tr, guild, member);
    if (prompt) await interaction.followUp({ ...prompt, flags: MessageFlags.Ephemeral });
  });
  if (!ran)
    await interaction.reply({ content: tr('bot.connect.intro.inProgress'), flags: MessageFlags.Ephemeral });
}

/** What the member is told after pressing "Post". */
function resultText(tr: Translator, result: PublishResult): string {
  switch (result.outcome) {
    case 'posted':
      return tr('bot.connect.intro.posted', { channel: `<#${result.channelId}>` });
    case 'updated':
      return tr('bot.connect.intro.updated');
    case 'noChannel':
      return tr('bot.connect.intro.noChannel');
    case 'failed':
      return tr('bot.connect.intro.postFailed', {
        channel: `<#${result.channelId}>`,
        reason: tr(result.reasonKey, result.permissionKey ? { permission: tr(result.permissionKey) } : {}),
      });
  }
}
