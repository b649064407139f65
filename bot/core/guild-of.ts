import type { Guild, GuildMember, Interaction } from 'discord.js';
import { UserError } from './user-error.js';
import { findMember } from './members.js';

/**
 * The guild a component belongs to (its id travels in the custom id, since intro buttons also
 * live in DMs) and the clicking member. A member who left mid-flow gets a clear answer.
 */
export async function guildAndMember(
  interaction: Interaction,
  guildId: string | undefined,
): Promise<{ guild: Guild; member: GuildMember }> {
  const guild = guildId ? interaction.client.guilds.cache.get(guildId) : undefined;
  if (!guild) throw new UserError('bot.connect.intro.notMember');
  const member = await findMember(guild, interaction.user.id);
  if (!member) throw new UserError('bot.connect.intro.notMember');
  return { guild, member };
}
