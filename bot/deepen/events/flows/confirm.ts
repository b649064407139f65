/** The confirm button of /event create: the series, then each first occurrence in Discord. */
import type { ButtonInteraction } from 'discord.js';
import { interactionTranslator, type BotContext } from '../../../context.js';
import { UserError } from '../../../core/user-error.js';
import { publishOccurrence } from './publish.js';
import { startPlanning } from './plan.js';

export async function confirmCreate(interaction: ButtonInteraction, draftId: string, ctx: BotContext) {
  if (!interaction.inCachedGuild()) throw new UserError('bot.error.guildOnly');
  const tr = await interactionTranslator(ctx, interaction);
  // Creating the Discord event and the announcement takes a few calls: acknowledge first.
  await interaction.deferUpdate();
  const { series, occurrences } = await ctx.services.deepenEvents.drafts.confirmDraft({
    draftId,
    organiserId: interaction.user.id,
    now: ctx.services.clock.now(),
  });
  await startPlanning(ctx, series.seriesId);
  const lines: string[] = [];
  for (const occ of occurrences) {
    const { problems, messageUrl } = await publishOccurrence(ctx, interaction.guild, occ);
    lines.push(
      messageUrl
        ? tr('deepen.events.confirm.created', { title: occ.title, link: messageUrl })
        : tr('deepen.events.confirm.createdNoPost', { title: occ.title }),
    );
    for (const key of new Set(problems)) lines.push(`⚠️ ${tr(key)}`);
  }
  if (occurrences.length > 1) lines.push(tr('deepen.events.confirm.series', { count: occurrences.length }));
  await interaction.editReply({ content: lines.join('\n'), embeds: [], components: [] });
}
