import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { escapeMarkdown, neutraliseMentions, truncate } from '../../../shared/kernel/welcome-template.js';
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
 * returning member) and, for members who still owe an intro, the intro button; when their DMs
 * are closed it also says so (one post, one button, instead of a second post).
 */
export function welcomeChannelMessage(
  tr: Translator,
  input: {
    guildId: string;
    userId: string;
    content: string;
    returning: boolean;
    askIntro: boolean;
    dmClosed?: boolean;
  },
) {
  const greeting = input.returning
    ? tr('bot.connect.welcome.back', { user: `<@${input.userId}>` })
    : input.content;
  const note =
    input.dmClosed && input.askIntro
      ? tr('bot.connect.welcome.dmClosed', { user: `<@${input.userId}>` })
      : '';
  // Discord's 2000-character cap: the template is already capped, the note is kept whole; the
  // greeting is cut between characters (never inside an emoji's surrogate pair).
  const content = note ? `${truncate(greeting, 2000 - note.length - 2)}\n\n${note}` : greeting;
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

/** Posted in the introductions channel when DMs are closed and no welcome could be posted, so the invitation is not lost. */
export function dmClosedFallback(tr: Translator, input: { guildId: string; userId: string }) {
  return {
    content: tr('bot.connect.welcome.dmClosed', { user: `<@${input.userId}>` }),
    components: [introButtonRow(tr, input.guildId)],
    ...onlyMention(input.userId),
  };
}
