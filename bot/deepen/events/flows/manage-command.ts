/** `/event list|info|edit|cancel`. */
import { EmbedBuilder, MessageFlags, type ChatInputCommandInteraction, type Guild } from 'discord.js';
import { interactionLocale, type BotContext } from '../../../context.js';
import { requireOrganiser } from '../../../core/preconditions.js';
import { UserError } from '../../../core/user-error.js';
import { translator } from '../../../../shared/i18n/index.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import { infoEmbed, listLine } from '../presenters/event.presenter.js';
import { applyEdits, notifyCancelled } from './changes.js';

type Cached = ChatInputCommandInteraction<'cached'>;

async function trOf(ctx: BotContext, interaction: Cached) {
  const locale = await interactionLocale(ctx, interaction);
  return { locale, tr: translator(locale) };
}

export async function runList(interaction: Cached, ctx: BotContext) {
  const { tr } = await trOf(ctx, interaction);
  const upcoming = await ctx.services.deepenEvents.series.listUpcoming(
    interaction.guildId,
    ctx.services.clock.now(),
    15,
  );
  const embed = new EmbedBuilder()
    .setTitle(tr('deepen.events.list.title'))
    .setDescription(
      upcoming.length > 0 ? upcoming.map((o) => listLine(tr, o)).join('\n') : tr('deepen.events.list.none'),
    );
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}

export async function runInfo(interaction: Cached, ctx: BotContext) {
  const { tr, locale } = await trOf(ctx, interaction);
  const occ = await ctx.services.deepenEvents.series.getOccurrence(
    interaction.guildId,
    interaction.options.getString('event', true),
  );
  await interaction.reply({
    embeds: [infoEmbed(tr, locale, occ, interaction.guildId)],
    flags: MessageFlags.Ephemeral,
  });
}

export async function runEdit(interaction: Cached, ctx: BotContext) {
  await requireOrganiser(ctx, interaction.member);
  const { tr, locale } = await trOf(ctx, interaction);
  const o = interaction.options;
  const repeat = o.getString('repeat');
  const stop = o.getBoolean('stop_repeating') ?? false;
  if (repeat !== null && stop) throw new UserError('deepen.events.error.repeatBoth');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const changed = await ctx.services.deepenEvents.manage.editFrom({
    guildId: interaction.guildId,
    occurrenceId: o.getString('event', true),
    patch: {
      ...(o.getString('title') !== null ? { title: o.getString('title')! } : {}),
      ...(o.getString('when') !== null ? { when: o.getString('when')! } : {}),
      ...(o.getInteger('duration') !== null ? { durationMinutes: o.getInteger('duration') } : {}),
      ...(o.getInteger('capacity') !== null ? { capacity: o.getInteger('capacity') } : {}),
      ...(o.getBoolean('no_limit') ? { capacity: null } : {}),
      ...(o.getString('description') !== null ? { description: o.getString('description') } : {}),
      ...(o.getBoolean('clear_description') ? { description: '' } : {}),
      ...(o.getChannel('lobby') ? { lobbyChannelId: o.getChannel('lobby')!.id } : {}),
      ...(repeat !== null ? { repeat } : {}),
      ...(stop ? { repeat: null } : {}),
    },
    locale,
    now: ctx.services.clock.now(),
  });
  // What each became, read before the Discord side publishes the new ones.
  const removed = changed.filter((c) => c.status === 'cancelled').length;
  const added = changed.filter((c) => c.status !== 'cancelled' && c.toPublish).length;
  await applyEdits(ctx, interaction.guild, changed);
  await interaction.editReply({
    content:
      removed + added > 0
        ? tr('deepen.events.edit.replanned', { changed: changed.length - removed - added, added, removed })
        : tr('deepen.events.edit.done', { count: changed.length }),
  });
}

export async function runCancel(interaction: Cached, ctx: BotContext) {
  await requireOrganiser(ctx, interaction.member);
  const { tr } = await trOf(ctx, interaction);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const cancelled = await cancelOccurrences(ctx, interaction.guild, {
    occurrenceId: interaction.options.getString('event', true),
    wholeSeries: interaction.options.getBoolean('series') ?? false,
  });
  await interaction.editReply({ content: tr('deepen.events.cancel.done', { count: cancelled.length }) });
}

/** Cancels in Tsunagu, then in Discord, and tells those who said yes. */
export async function cancelOccurrences(
  ctx: BotContext,
  guild: Guild,
  args: { occurrenceId: string; wholeSeries: boolean },
): Promise<OccurrenceView[]> {
  const cancelled = await ctx.services.deepenEvents.manage.cancelEvent({
    guildId: guild.id,
    ...args,
    now: ctx.services.clock.now(),
  });
  await notifyCancelled(ctx, guild, cancelled);
  return cancelled;
}
