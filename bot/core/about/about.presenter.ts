import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  type InteractionUpdateOptions,
} from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { customId } from '../custom-id.js';

export interface AboutFacts {
  version: string;
  guildCount: number;
  /** Gateway heartbeat latency in ms; negative or NaN while not measured yet. */
  latencyMs: number;
  dashboardUrl?: string;
  now: Date;
}

/** Brand colour (Tsunagu's indigo). */
const COLOUR = 0x4f46e5;

/** The /about message: facts in an embed and a Refresh button (custom id `about:refresh`). */
export function aboutMessage(tr: Translator, facts: AboutFacts) {
  const latency =
    Number.isFinite(facts.latencyMs) && facts.latencyMs >= 0
      ? tr('bot.about.latencyValue', { ms: Math.round(facts.latencyMs) })
      : tr('bot.about.latencyUnknown');
  const links = facts.dashboardUrl
    ? `[${tr('bot.about.dashboard')}](${facts.dashboardUrl})`
    : tr('bot.about.noDashboard');
  const embed = new EmbedBuilder()
    .setColor(COLOUR)
    .setTitle(tr('bot.about.title'))
    .setDescription(tr('bot.about.description'))
    .addFields(
      { name: tr('bot.about.version'), value: facts.version, inline: true },
      { name: tr('bot.about.guilds'), value: String(facts.guildCount), inline: true },
      { name: tr('bot.about.latency'), value: latency, inline: true },
      { name: tr('bot.about.links'), value: links },
    )
    // The embed's timestamp: each Discord client shows it in its viewer's own time zone.
    .setFooter({ text: tr('bot.about.updatedAt') })
    .setTimestamp(facts.now);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId('about', 'refresh'))
      .setStyle(ButtonStyle.Secondary)
      .setLabel(tr('bot.about.refresh')),
  );
  return { embeds: [embed], components: [row] } satisfies InteractionUpdateOptions;
}
