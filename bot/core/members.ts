import type { Guild, GuildMember } from 'discord.js';
import { isUnknownMember } from './discord-errors.js';

/** The guild member, fetched when not cached; null when they are not (or no longer) a member. */
export async function findMember(guild: Guild, userId: string): Promise<GuildMember | null> {
  const cached = guild.members.cache.get(userId);
  if (cached) return cached;
  try {
    return await guild.members.fetch(userId);
  } catch (error) {
    if (isUnknownMember(error)) return null;
    throw error;
  }
}
