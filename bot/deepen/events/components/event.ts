/**
 * `event:*` buttons: `confirm|discard:<draftId>` on the /event create preview,
 * `rsvp:<occurrenceId>:<yes|maybe|no>` on announcements, `remindoff|remindon:<occurrenceId>:<guildId>` in reminders
 * (for the whole series).
 * Ids carry everything (they must survive restarts).
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type ButtonInteraction,
} from 'discord.js';
import { customId } from '../../../core/custom-id.js';
import type { ComponentFamily } from '../../../core/component.js';
import { interactionTranslator, type BotContext } from '../../../context.js';
import { UserError } from '../../../core/user-error.js';
import { RSVP_ANSWERS, type RsvpAnswer } from '../../../../shared/deepen/events/event.model.js';
import { EVENT_PREFIX } from '../presenters/event.presenter.js';
import { confirmCreate } from '../flows/confirm.js';
import { answerFromButton } from '../flows/rsvp.js';

async function discard(interaction: ButtonInteraction, ctx: BotContext) {
  const tr = await interactionTranslator(ctx, interaction);
  await interaction.update({ content: tr('deepen.events.confirm.discarded'), embeds: [], components: [] });
}

/**
 * Stops (or resumes) reminders for the whole series, as the button says: a person who says "stop"
 * does not want the next week's either. The answer carries the opposite button.
 */
async function setReminders(
  interaction: ButtonInteraction,
  occurrenceId: string,
  guildId: string,
  off: boolean,
  ctx: BotContext,
) {
  await ctx.services.deepenEvents.rsvp.setRemindersOff({
    guildId,
    occurrenceId,
    userId: interaction.user.id,
    off,
  });
  const tr = await interactionTranslator(ctx, interaction);
  const toggle = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId(EVENT_PREFIX, off ? 'remindon' : 'remindoff', occurrenceId, guildId))
      .setStyle(ButtonStyle.Secondary)
      .setLabel(tr(off ? 'deepen.events.reminder.resumeButton' : 'deepen.events.reminder.stopButton')),
  );
  await interaction.reply({
    content: tr(off ? 'deepen.events.reminder.stopped' : 'deepen.events.reminder.resumed'),
    components: [toggle],
    flags: MessageFlags.Ephemeral,
  });
}

export const eventComponents: ComponentFamily = {
  prefix: EVENT_PREFIX,

  async button(interaction, [action, id, extra], ctx) {
    if (!id) throw new UserError('bot.error.expiredComponent');
    switch (action) {
      case 'confirm':
        return confirmCreate(interaction, id, ctx);
      case 'discard':
        return discard(interaction, ctx);
      case 'rsvp': {
        if (!(RSVP_ANSWERS as readonly string[]).includes(extra ?? '') || !interaction.inCachedGuild())
          throw new UserError('bot.error.expiredComponent');
        return answerFromButton(interaction, id, extra as RsvpAnswer, ctx);
      }
      case 'remindoff':
      case 'remindon':
        if (!extra) throw new UserError('bot.error.expiredComponent');
        return setReminders(interaction, id, extra, action === 'remindoff', ctx);
      default:
        throw new UserError('bot.error.expiredComponent');
    }
  },
};
