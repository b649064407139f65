import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { wallClockOf } from '../../../../shared/deepen/when/index.js';

/** Suggests upcoming occurrences by title ("2026-11-07 20:00 · Title"); the value is the id. */
export async function autocompleteOccurrence(interaction: AutocompleteInteraction, ctx: BotContext) {
  if (!interaction.guildId) return interaction.respond([]);
  const typed = interaction.options.getFocused().toLowerCase();
  const { timeZone } = await ctx.services.kernel.settings.getGuildSettings(interaction.guildId);
  const upcoming = await ctx.services.deepenEvents.series.listUpcoming(
    interaction.guildId,
    ctx.services.clock.now(),
  );
  const choices = upcoming
    .filter((o) => !typed || o.title.toLowerCase().includes(typed) || o.occurrenceId.startsWith(typed))
    .slice(0, 25)
    .map((o) => ({
      name: `${wallClockOf(o.start, timeZone).replace('T', ' ')} · ${o.title}`.slice(0, 100),
      value: o.occurrenceId,
    }));
  await interaction.respond(choices);
}
