import type { Guild } from 'discord.js';

/** Discord's limit of user ids per REQUEST_GUILD_MEMBERS (op 8). */
const USER_IDS_PER_REQUEST = 100;

/**
 * Makes sure every member in voice is cached. discord.js reads a GUILD_CREATE's members before
 * its voice states, so with a bounded member cache a member in voice can be evicted before the
 * cache knows they are in voice; mixers need them, so they are fetched back over the gateway.
 * Returns how many were fetched.
 */
export async function cacheVoiceMembers(guild: Guild): Promise<number> {
  const missing = [...guild.voiceStates.cache.keys()].filter((id) => !guild.members.cache.has(id));
  for (let i = 0; i < missing.length; i += USER_IDS_PER_REQUEST) {
    await guild.members.fetch({ user: missing.slice(i, i + USER_IDS_PER_REQUEST) });
  }
  return missing.length;
}
