import type { GatewayGuildCreateDispatchData } from 'discord-api-types/v10';
import {
  serializeChannel,
  serializeGuild,
  serializeMember,
  serializeScheduledEvent,
  serializeVoiceState,
} from './serialize.js';
import type { DiscordState } from './state.js';
import type { GuildRecord } from './types.js';

/**
 * The full GUILD_CREATE payload with every member. The gateway strips `members` (except the bot)
 * and `presences` for sessions without the GuildMembers / GuildPresences intents.
 */
export function buildGuildCreate(s: DiscordState, guild: GuildRecord): GatewayGuildCreateDispatchData {
  const members = [...guild.members.values()].map((m) => serializeMember(m, s.users.get(m.userId)));
  const channels = [...guild.channelIds]
    .map((id) => s.channels.get(id))
    .sort((a, b) => a.position - b.position);
  return {
    ...serializeGuild(guild),
    joined_at: guild.members.get(s.botUserId ?? '')?.joinedAt ?? new Date().toISOString(),
    large: guild.members.size > 250,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [...guild.voiceStates.values()].map((v) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { guild_id, ...rest } = serializeVoiceState(v);
      return rest;
    }),
    members,
    channels: channels.map((c) => serializeChannel(c)) as GatewayGuildCreateDispatchData['channels'],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [...guild.scheduledEvents.values()].map((e) =>
      serializeScheduledEvent(e, e.creatorId ? s.users.find(e.creatorId) : undefined),
    ),
    soundboard_sounds: [],
  } as GatewayGuildCreateDispatchData;
}
