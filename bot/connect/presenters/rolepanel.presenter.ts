import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
} from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import type { RolePanelView } from '../../../shared/connect/role-panel.service.js';
import { customId } from '../../core/custom-id.js';
import { EMBED_LIMITS, fit } from '../../core/embed-limits.js';

const BUTTONS_PER_ROW = 5;

/**
 * A posted role panel: a title, the pick rule, and buttons (`rolepanel:toggle:<panelId>:<roleId>`)
 * or one select (`rolepanel:select:<panelId>`). Ids carry the stored panel id, never memory, so
 * the panel works after restarts.
 */
export function rolePanelMessage(tr: Translator, panel: RolePanelView) {
  const hint =
    panel.maxPicks === 1
      ? tr('bot.connect.rolepanel.hintOne')
      : tr('bot.connect.rolepanel.hintMany', { max: panel.maxPicks });
  const embed = new EmbedBuilder()
    .setColor(0x8b5cf6)
    .setTitle(fit(panel.title ?? tr('bot.connect.rolepanel.defaultTitle'), EMBED_LIMITS.title))
    .setDescription(hint);
  if (panel.mode === 'select') {
    const select = new StringSelectMenuBuilder()
      .setCustomId(customId('rolepanel', 'select', panel.panelId))
      .setPlaceholder(tr('bot.connect.rolepanel.placeholder'))
      .setMinValues(0)
      .setMaxValues(Math.min(panel.maxPicks, panel.options.length))
      .addOptions(
        panel.options.map((o) => new StringSelectMenuOptionBuilder().setLabel(o.label).setValue(o.roleId)),
      );
    return {
      embeds: [embed],
      components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select)],
    };
  }
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  panel.options.forEach((option, i) => {
    if (i % BUTTONS_PER_ROW === 0) rows.push(new ActionRowBuilder<ButtonBuilder>());
    const button = new ButtonBuilder()
      .setCustomId(customId('rolepanel', 'toggle', panel.panelId, option.roleId))
      .setStyle(ButtonStyle.Secondary)
      .setLabel(option.label);
    if (option.emoji) button.setEmoji(option.emoji);
    rows[rows.length - 1]!.addComponents(button);
  });
  return { embeds: [embed], components: rows };
}

/** The member's answer after a click: which roles were added and removed. */
export function roleChangeText(tr: Translator, added: string[], removed: string[]): string {
  if (added.length === 0 && removed.length === 0) return tr('bot.connect.rolepanel.unchanged');
  const list = (ids: string[]) =>
    ids.length ? ids.map((id) => `<@&${id}>`).join(' ') : tr('bot.connect.rolepanel.none');
  return tr('bot.connect.rolepanel.changed', { added: list(added), removed: list(removed) });
}
