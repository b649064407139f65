/**
 * Discord's caps on guild channels, checked by every creation path (REST, drivers, seeding):
 * 500 channels per guild, categories included (JSON error 30013), and 50 per category, which has
 * no code of its own: it is a 50035 on `parent_id` (discord-api-docs#1289). Permission overwrites
 * have two caps: a create or modify body takes at most 100 (discord-api-spec `maxLength(100)` on
 * `permission_overwrites`; 50035 BASE_TYPE_MAX_LENGTH "Must be 100 or fewer in length.", as
 * observed in discord-jda/JDA#1531; the body schemas enforce it), and a channel holds at most
 * 1000, which Edit Channel Permissions (one overwrite at a time) can reach: 30060 (discord-api-docs,
 * opcodes-and-status-codes "Maximum number of channel permission overwrites reached (1000)").
 */
import { ChannelType } from 'discord-api-types/v10';
import { DiscordApiError, formError } from '../errors.js';
import type { ChannelRecord, GuildRecord } from './types.js';

export const MAX_GUILD_CHANNELS = 500;
export const MAX_CATEGORY_CHANNELS = 50;
export const MAX_CHANNEL_OVERWRITES = 1000;

/** 30013 when the guild already has 500 channels. */
export function assertGuildHasRoom(guild: GuildRecord): void {
  if (guild.channelIds.size >= MAX_GUILD_CHANNELS)
    throw new DiscordApiError(400, 30013, 'Maximum number of guild channels reached (500)');
}

const invalidParent = () => formError(['parent_id'], 'CHANNEL_PARENT_INVALID', 'Invalid parent channel');

/**
 * Checks that `parent` may hold one more channel of `type`: a category of the same guild (a
 * category has no parent itself) with fewer than 50 children besides `movingId`.
 */
export function assertParentAccepts(
  guild: GuildRecord,
  parent: ChannelRecord | undefined,
  type: ChannelType,
  children: ChannelRecord[],
  movingId?: string,
): void {
  if (!parent || parent.type !== ChannelType.GuildCategory || parent.guildId !== guild.id)
    throw invalidParent();
  if (type === ChannelType.GuildCategory) throw invalidParent();
  const count = children.filter((c) => c.parentId === parent.id && c.id !== movingId).length;
  if (count >= MAX_CATEGORY_CHANNELS)
    throw formError(
      ['parent_id'],
      'CHANNEL_PARENT_MAX_CHANNELS',
      'Maximum number of channels in category reached (50)',
    );
}

/** 30060 when a channel would hold more than 1000 permission overwrites. */
export function assertOverwriteRoom(next: readonly unknown[]): void {
  if (next.length > MAX_CHANNEL_OVERWRITES)
    throw new DiscordApiError(
      400,
      30060,
      `Maximum number of channel permission overwrites reached (${MAX_CHANNEL_OVERWRITES})`,
    );
}
