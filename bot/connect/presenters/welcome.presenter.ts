import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { escapeMarkdown, neutraliseMentions } from '../../../shared/kernel/welcome-template.js';
import { customId } from '../../core/custom-id.js';

/** The custom id of the "Introduce yourself" button: carries the guild, so it also works in DMs. */
export function introButtonId(guildId: string): string {
  return customId('intro', 'start', guildId);
}

/** A row with the "Introduce yourself" button for `guildId`. */
export function introButtonRow(tr: Translator, guildId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(introButtonId(guildId))
      .setStyle(ButtonStyle.Primary)
      .setEmoji('👋')
      .setLabel(tr('bot.connect.welcome.introButton')),
  );
}

/** Only the new member is pinged by a welcome (never @everyone, roles, or others named in the template). */
function onlyMention(userId: string) {
  return { allowedMentions: { users: [userId], roles: [], parse: [] as [] } };
}

/**
 * The welcome posted in the welcome channel: the rendered template (or "welcome back" for a
 * returning member) and, for members who still owe an intro, the intro button.
 */
export function welcomeChannelMessage(
  tr: Translator,
  input: { guildId: string; userId: string; content: string; returning: boolean; askIntro: boolean },
) {
  const content = input.returning
    ? tr('bot.connect.welcome.back', { user: `<@${input.userId}>` })
    : input.content;
  return {
    content,
    components: input.askIntro ? [introButtonRow(tr, input.guildId)] : [],
    ...onlyMention(input.userId),
  };
}

/** The DM to a new member: welcome plus the intro button. */
export function welcomeDm(tr: Translator, input: { guildId: string; serverName: string }) {
  return {
    content: tr('bot.connect.welcome.dm', { server: escapeMarkdown(neutraliseMentions(input.serverName)) }),
    components: [introButtonRow(tr, input.guildId)],
  };
}

/** Posted in the welcome channel when the member's DMs are closed, so the invitation is not lost. */
export function dmClosedFallback(tr: Translator, input: { guildId: string; userId: string }) {
  return {
    content: tr('bot.connect.welcome.dmClosed', { user: `<@${input.userId}>` }),
    components: [introButtonRow(tr, input.guildId)],
    ...onlyMention(input.userId),
  };
}
