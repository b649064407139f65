/**
 * Shapes GUILD_CREATE for one session, following Discord's rules on which members it carries.
 */
import { GatewayIntentBits, type GatewayGuildCreateDispatchData } from 'discord-api-types/v10';

export type GuildCreateMembersMode = 'discord' | 'all';

/**
 * Discord: without GuildPresences, `members` holds only the bot and users in voice; with it, a
 * guild above `large_threshold` lists only online members (nobody is online in the emulator).
 * Mode 'all' (benchmarks) sends every member to sessions with GuildMembers.
 */
export function guildCreateForSession(
  payload: GatewayGuildCreateDispatchData,
  intents: number,
  largeThreshold: number,
  botUserId: string,
  mode: GuildCreateMembersMode,
): GatewayGuildCreateDispatchData {
  const large = payload.member_count > largeThreshold;
  const hasMembers = (intents & GatewayIntentBits.GuildMembers) !== 0;
  const hasPresences = (intents & GatewayIntentBits.GuildPresences) !== 0;
  if ((mode === 'all' && hasMembers) || (hasPresences && !large)) return { ...payload, large };
  const inVoice = new Set(payload.voice_states.map((v) => v.user_id));
  const members = payload.members.filter((m) => m.user.id === botUserId || inVoice.has(m.user.id));
  return { ...payload, large, members };
}
