import type { Guild, GuildMember, Message } from 'discord.js';
import { RESTJSONErrorCodes } from 'discord.js';
import type { BotContext } from '../../context.js';
import { translator, type MessageKey } from '../../../shared/i18n/index.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';
import { introEmbed } from '../presenters/intro.presenter.js';
import { userMessageFor } from '../../core/user-message.js';
import { sendableChannel } from '../../core/channels.js';
import { discordCode, isMissingPermission } from '../../core/discord-errors.js';
import { CHANNEL_PERMISSIONS } from '../../connect/flows/setup-checks.js';

export type PublishResult =
  | { outcome: 'posted' | 'updated'; channelId: string; message: Message }
  | { outcome: 'noChannel' }
  /** Discord refused the post; `reasonKey` says why, `permissionKey` names a missing permission. */
  | { outcome: 'failed'; channelId: string; reasonKey: MessageKey; permissionKey?: MessageKey };

/**
 * Posts the intro embed in the introductions channel, or edits the one already posted (so a
 * second click or an edit never posts twice). The profile is already stored: a failure here
 * loses nothing and is reported to the member, who can retry.
 */
export async function publishIntro(
  ctx: BotContext,
  guild: Guild,
  member: GuildMember,
  profile: ProfileData,
): Promise<PublishResult> {
  const settings = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  const tr = translator(settings.locale);
  const embed = introEmbed(tr, profile, { audience: 'alumni', avatarUrl: member.displayAvatarURL() });
  // No components: the "Invite a friend" button is the author's (in their welcome after the
  // intro), and `[]` also clears the button older posts carried when one is edited.
  const payload = { embeds: [embed], components: [], allowedMentions: { parse: [] as [] } };

  const existing = await existingIntroMessage(guild, profile);
  if (existing) {
    const message = await existing.edit(payload);
    return { outcome: 'updated', channelId: message.channelId, message };
  }
  const channelId = settings.channels.introductions;
  const channel = await sendableChannel(guild, channelId);
  if (!channelId || !channel) return { outcome: 'noChannel' };
  try {
    const message = await channel.send(payload);
    await ctx.services.know.profiles.setIntroMessage({
      guildId: guild.id,
      userId: member.id,
      channelId,
      messageId: message.id,
    });
    return { outcome: 'posted', channelId, message };
  } catch (error) {
    ctx.logger.warn({ err: error, guildId: guild.id, userId: member.id }, 'could not post an introduction');
    const me = guild.members.me;
    const lacking =
      isMissingPermission(error) && me && 'permissionsFor' in channel
        ? CHANNEL_PERMISSIONS.find((p) => !channel.permissionsFor(me).has(p))
        : undefined;
    return lacking
      ? {
          outcome: 'failed',
          channelId,
          reasonKey: 'bot.connect.error.missingPermission',
          permissionKey: `bot.permission.${lacking}`,
        }
      : { outcome: 'failed', channelId, reasonKey: userMessageFor(error).key };
  }
}

/** The posted intro message, or null when there is none or it was deleted by hand. */
async function existingIntroMessage(guild: Guild, profile: ProfileData): Promise<Message | null> {
  if (!profile.introChannelId || !profile.introMessageId) return null;
  const channel = await sendableChannel(guild, profile.introChannelId);
  if (!channel || !('messages' in channel)) return null;
  try {
    return await channel.messages.fetch(profile.introMessageId);
  } catch (error) {
    if (discordCode(error) === RESTJSONErrorCodes.UnknownMessage) return null;
    throw error;
  }
}

/** Deletes the posted intro message if it still exists (erasure). */
export async function deleteIntroMessage(
  guild: Guild,
  channelId: string | null,
  messageId: string | null,
): Promise<void> {
  if (!channelId || !messageId) return;
  const channel = await sendableChannel(guild, channelId);
  if (!channel || !('messages' in channel)) return;
  try {
    await channel.messages.delete(messageId);
  } catch (error) {
    if (discordCode(error) !== RESTJSONErrorCodes.UnknownMessage) throw error;
  }
}
