import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { customId } from '../../core/custom-id.js';
import type { PersonalInviteLink } from '../flows/personal-invite.js';

/**
 * The custom id of the "Invite a friend" button, `myinvite:get:<guildId>`: the guild is named
 * because the button is pressed in a DM too (the welcome after an intro written there).
 */
export function personalInviteButtonId(guildId: string): string {
  return customId('myinvite', 'get', guildId);
}

/** A row with the "Invite a friend" button (in the welcome after the member's intro). */
export function personalInviteRow(tr: Translator, guildId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(personalInviteButtonId(guildId))
      .setStyle(ButtonStyle.Secondary)
      .setEmoji('🔗')
      .setLabel(tr('bot.connect.invite.mineButton')),
  );
}

/** The private answer with the member's link. */
export function personalInviteText(tr: Translator, link: PersonalInviteLink): string {
  return tr(link.renewed ? 'bot.connect.invite.mineRenewed' : 'bot.connect.invite.mine', { url: link.url });
}
