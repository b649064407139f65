/** Permissions as the interaction payloads carry them (member, channel, app permissions). */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { basePermissions, channelPermissions } from '../state/permissions.js';
import type { DiscordState } from '../state/state.js';

/** A member's permissions in a channel (or guild-wide without one), as Discord computes them. */
export function permissionsFor(
  state: DiscordState,
  guildId: string,
  userId: string,
  channelId?: string,
): bigint {
  const guild = state.guilds.get(guildId);
  return channelId
    ? channelPermissions(guild, state.channels.get(channelId), userId)
    : basePermissions(guild, userId);
}

/** What a bot may do in a DM with a user: read, write, embed, attach, react (no moderation). */
export const DM_APP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;
