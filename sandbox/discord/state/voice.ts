import { ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';
import { randomBytes } from 'node:crypto';
import { Errors } from '../errors.js';
import { serializeVoiceState } from './serialize.js';
import type { DiscordState } from './state.js';
import type { VoiceStateRecord } from './types.js';

export interface JoinVoiceInput {
  selfMute?: boolean;
  selfDeaf?: boolean;
}

/** Voice states: who is connected to which voice channel. Every change emits VOICE_STATE_UPDATE. */
export class VoiceStore {
  constructor(private readonly s: DiscordState) {}

  find(guildId: string, userId: string): VoiceStateRecord | undefined {
    return this.s.guilds.get(guildId).voiceStates.get(userId);
  }

  list(guildId: string): VoiceStateRecord[] {
    return [...this.s.guilds.get(guildId).voiceStates.values()];
  }

  /** Users connected to a voice channel. */
  inChannel(channelId: string): VoiceStateRecord[] {
    const channel = this.s.channels.get(channelId);
    return channel.guildId ? this.list(channel.guildId).filter((v) => v.channelId === channelId) : [];
  }

  /** A member connects to (or switches to) a voice channel. */
  join(guildId: string, userId: string, channelId: string, input: JoinVoiceInput = {}): VoiceStateRecord {
    this.s.members.get(guildId, userId);
    const channel = this.s.channels.get(channelId);
    if (
      channel.guildId !== guildId ||
      (channel.type !== ChannelType.GuildVoice && channel.type !== ChannelType.GuildStageVoice)
    ) {
      throw Errors.invalidFormBody({
        channel_id: { _errors: [{ code: 'CHANNEL_TYPE_INVALID', message: 'Not a voice channel' }] },
      });
    }
    const guild = this.s.guilds.get(guildId);
    const existing = guild.voiceStates.get(userId);
    const state: VoiceStateRecord = existing ?? {
      guildId,
      userId,
      channelId,
      sessionId: randomBytes(16).toString('hex'),
      deaf: false,
      mute: false,
      selfDeaf: input.selfDeaf ?? false,
      selfMute: input.selfMute ?? false,
      selfVideo: false,
      suppress: false,
    };
    state.channelId = channelId;
    guild.voiceStates.set(userId, state);
    this.announce(state, channelId);
    return state;
  }

  /** Moves a connected member (what PATCH member `channel_id` does); throws 40032 if not connected. */
  move(guildId: string, userId: string, channelId: string): VoiceStateRecord {
    this.s.members.get(guildId, userId);
    if (!this.find(guildId, userId)) throw Errors.targetNotInVoice();
    return this.join(guildId, userId, channelId);
  }

  /** A member disconnects (or is disconnected). No-op if not connected. */
  leave(guildId: string, userId: string): void {
    const guild = this.s.guilds.get(guildId);
    const state = guild.voiceStates.get(userId);
    if (!state) return;
    guild.voiceStates.delete(userId);
    this.announce(state, null);
  }

  private announce(state: VoiceStateRecord, channelId: string | null): void {
    const member = this.s.members.find(state.guildId, state.userId);
    const payload = {
      ...serializeVoiceState(state, member ? this.s.members.toApi(member) : undefined),
      channel_id: channelId,
    };
    this.s.emit(GatewayDispatchEvents.VoiceStateUpdate, payload, state.guildId);
  }
}
