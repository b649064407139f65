/**
 * `mixer:<action>:<runId>`: the preview's confirm/cancel and the control message's next round,
 * +2 minutes, broadcast (a modal) and end. Only organisers may press them.
 */
import { ActionRowBuilder, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { ComponentFamily } from '../../../core/component.js';
import { customId } from '../../../core/custom-id.js';
import { guildAndMember } from '../../../core/guild-of.js';
import { requireOrganiser } from '../../../core/preconditions.js';
import { UserError } from '../../../core/user-error.js';
import { interactionTranslator } from '../../../context.js';
import { broadcast, BROADCAST_MAX, endMixer, extend, nextRound } from '../flows/actions.js';
import { launch } from '../flows/start.js';
import { CONTROL_PREFIX } from '../presenters/control.presenter.js';

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

export const mixerControl: ComponentFamily = {
  prefix: CONTROL_PREFIX,

  async button(interaction, [action, runId], ctx) {
    if (!runId) throw new UserError('bot.error.expiredComponent');
    const svc = ctx.services.mixer.runs;
    const run = await svc.getRun(runId);
    const { guild, member } = await guildAndMember(interaction, run.guildId);
    await requireOrganiser(ctx, member);
    const tr = await interactionTranslator(ctx, interaction);
    if (action === 'confirm') {
      const started = await svc.confirmRun(runId, ctx.services.clock.now());
      await interaction.update({ content: tr('deepen.mixer.preview.started'), components: [] });
      await launch(ctx, interaction.client, started);
      return;
    }
    if (action === 'cancel') {
      await svc.cancelPreview(runId);
      await interaction.update({ content: tr('deepen.mixer.preview.cancelled'), embeds: [], components: [] });
      return;
    }
    if (run.status !== 'running') throw new UserError('deepen.mixer.error.noneRunning');
    if (action === 'broadcast') {
      await interaction.showModal(
        new ModalBuilder()
          .setCustomId(customId(CONTROL_PREFIX, 'broadcastModal', runId))
          .setTitle(tr('deepen.mixer.broadcast.title'))
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder()
                .setCustomId('message')
                .setLabel(tr('deepen.mixer.broadcast.label'))
                .setStyle(TextInputStyle.Paragraph)
                .setMaxLength(BROADCAST_MAX),
            ),
          ),
      );
      return;
    }
    let answer: string;
    if (action === 'next') answer = await nextRound(ctx, interaction.client, run, tr);
    else if (action === 'extend') answer = await extend(ctx, guild, run, tr);
    else if (action === 'end') answer = await endMixer(ctx, interaction.client, run, tr);
    else throw new UserError('bot.error.expiredComponent');
    await interaction.reply({ content: answer, ...ephemeral });
  },

  async modal(interaction, [action, runId], ctx) {
    if (action !== 'broadcastModal' || !runId) throw new UserError('bot.error.expiredComponent');
    const run = await ctx.services.mixer.runs.getRun(runId);
    const { guild, member } = await guildAndMember(interaction, run.guildId);
    await requireOrganiser(ctx, member);
    if (run.status !== 'running') throw new UserError('deepen.mixer.error.noneRunning');
    const tr = await interactionTranslator(ctx, interaction);
    const answer = await broadcast(guild, run, interaction.fields.getTextInputValue('message'), tr);
    await interaction.reply({ content: answer, ...ephemeral });
  },
};
