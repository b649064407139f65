/**
 * `mixfb:<action>:<runId>`: the feedback controls, in the DM or (DMs closed) opened ephemerally
 * from the lobby: who did you talk with, a 1–5 rating, an optional comment in a modal.
 */
import { MessageFlags } from 'discord.js';
import type { ComponentFamily } from '../../../core/component.js';
import { UserError } from '../../../core/user-error.js';
import { interactionTranslator } from '../../../context.js';
import { namesOf } from '../flows/feedback-delivery.js';
import { commentModal, FEEDBACK_PREFIX, feedbackMessage } from '../presenters/feedback.presenter.js';

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

export const mixerFeedback: ComponentFamily = {
  prefix: FEEDBACK_PREFIX,

  async button(interaction, [action, runId, value], ctx) {
    if (!runId) throw new UserError('bot.error.expiredComponent');
    const tr = await interactionTranslator(ctx, interaction);
    const svc = ctx.services.mixer;
    if (action === 'rate') {
      await svc.feedback.saveFeedback({ runId, userId: interaction.user.id, rating: Number(value) });
      await interaction.reply({
        content: tr('deepen.mixer.feedback.rated', { rating: Number(value) }),
        ...ephemeral,
      });
    } else if (action === 'comment') {
      await interaction.showModal(commentModal(tr, runId));
    } else if (action === 'open') {
      const run = await svc.runs.getRun(runId);
      const mates = await svc.finish.groupmatesInRun(runId, interaction.user.id);
      if (mates.length === 0) throw new UserError('deepen.mixer.feedback.notParticipant');
      const guild = interaction.client.guilds.cache.get(run.guildId);
      if (!guild) throw new UserError('bot.error.expiredComponent');
      await interaction.reply({
        ...feedbackMessage(tr, runId, guild.name, await namesOf(guild, mates)),
        ...ephemeral,
      });
    } else throw new UserError('bot.error.expiredComponent');
  },

  async select(interaction, [action, runId], ctx) {
    if (action !== 'met' || !runId) throw new UserError('bot.error.expiredComponent');
    const tr = await interactionTranslator(ctx, interaction);
    const saved = await ctx.services.mixer.feedback.saveFeedback({
      runId,
      userId: interaction.user.id,
      metUserIds: interaction.values,
    });
    await interaction.reply({
      content: tr('deepen.mixer.feedback.metSaved', { count: saved.metUserIds.length }),
      ...ephemeral,
    });
  },

  async modal(interaction, [action, runId], ctx) {
    if (action !== 'commentModal' || !runId) throw new UserError('bot.error.expiredComponent');
    const tr = await interactionTranslator(ctx, interaction);
    await ctx.services.mixer.feedback.saveFeedback({
      runId,
      userId: interaction.user.id,
      comment: interaction.fields.getTextInputValue('comment'),
    });
    await interaction.reply({ content: tr('deepen.mixer.feedback.thanks'), ...ephemeral });
  },
};
