/** An RSVP button: record the answer, redraw the counts, tell the person (and whoever moved up). */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { interactionTranslator, type BotContext } from '../../../context.js';
import type { RsvpAnswer } from '../../../../shared/deepen/events/event.model.js';
import { childLogger } from '../../../../shared/logger.js';
import { bestEffort } from '../../../core/best-effort.js';
import { announcement } from '../presenters/event.presenter.js';
import { guildVoice } from './guild-voice.js';
import { stamp } from '../presenters/time.js';
import { tellPromoted } from './seats.js';

export async function answerFromButton(
  interaction: ButtonInteraction<'cached'>,
  occurrenceId: string,
  answer: RsvpAnswer,
  ctx: BotContext,
) {
  const outcome = await ctx.services.deepenEvents.rsvp.answerRsvp({
    guildId: interaction.guildId,
    occurrenceId,
    userId: interaction.user.id,
    answer,
    now: ctx.services.clock.now(),
  });
  const { locale, tr: guildTr } = await guildVoice(ctx, interaction.guildId);
  await interaction.update(announcement(guildTr, locale, outcome.occurrence, interaction.guildId));
  const tr = await interactionTranslator(ctx, interaction);
  const occ = outcome.occurrence;
  const key = outcome.waitlisted
    ? 'deepen.events.rsvp.waitlisted'
    : answer === 'yes'
      ? 'deepen.events.rsvp.going'
      : answer === 'maybe'
        ? 'deepen.events.rsvp.maybeNoted'
        : 'deepen.events.rsvp.notGoing';
  const position = occ.rsvps
    .filter((r) => r.answer === 'yes' && r.waitlisted)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .findIndex((r) => r.userId === interaction.user.id);
  await interaction.followUp({
    content: tr(key, { title: occ.title, when: stamp(occ.start), position: position + 1 }),
    flags: MessageFlags.Ephemeral,
  });
  if (outcome.promoted.length > 0) {
    const log = childLogger(ctx.logger, { guildId: interaction.guildId, occurrenceId });
    await bestEffort(log, 'tell who moved up from the waitlist', () =>
      tellPromoted(ctx, interaction.guild, occurrenceId),
    );
  }
}
