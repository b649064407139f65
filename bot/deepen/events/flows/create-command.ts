/** `/event create`: read the time in the guild's zone, show it, wait for the confirm button. */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { interactionLocale } from '../../../context.js';
import { requireOrganiser } from '../../../core/preconditions.js';
import { translator } from '../../../../shared/i18n/index.js';
import { wallClockOf } from '../../../../shared/deepen/when/index.js';
import type { EventInput } from '../../../../shared/deepen/events/event-input.js';
import { confirmPrompt, suggestionsText } from '../presenters/event.presenter.js';

function inputOf(interaction: ChatInputCommandInteraction<'cached'>): EventInput {
  const o = interaction.options;
  return {
    title: o.getString('title', true),
    when: o.getString('when', true),
    theme: o.getString('theme'),
    durationMinutes: o.getInteger('duration'),
    lobbyChannelId: o.getChannel('lobby')?.id ?? null,
    capacity: o.getInteger('capacity'),
    repeat: o.getString('repeat'),
    description: o.getString('description'),
    mixer: {
      groupSize: o.getInteger('group_size'),
      rounds: o.getInteger('rounds'),
      minutesPerRound: o.getInteger('minutes'),
      strategy: o.getString('strategy'),
    },
  };
}

export async function runCreate(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  await requireOrganiser(ctx, interaction.member);
  const locale = await interactionLocale(ctx, interaction);
  const tr = translator(locale);
  const input = inputOf(interaction);
  const result = await ctx.services.deepenEvents.drafts.draftEvent({
    guildId: interaction.guildId,
    organiserId: interaction.user.id,
    input,
    locale,
    now: ctx.services.clock.now(),
  });
  if (!result.ok) {
    const { timeZone } = await ctx.services.kernel.settings.getGuildSettings(interaction.guildId);
    const suggestions = result.suggestions.map((at) => ({
      at,
      typeable: wallClockOf(at, timeZone).replace('T', ' '),
    }));
    await interaction.reply({
      content: suggestionsText(tr, result.reason, input.when, suggestions),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.reply({
    ...confirmPrompt(tr, locale, {
      ...result.checked,
      draftId: result.draftId,
      start: result.start,
      zone: result.zone,
      assumed: result.assumed,
      recurrence: result.recurrence,
      wallTime: result.wallClock.split('T')[1],
    }),
    flags: MessageFlags.Ephemeral,
  });
}
