import { ChannelType, GatewayDispatchEvents, PermissionFlagsBits } from 'discord-api-types/v10';
import { randomBytes } from 'node:crypto';
// A person refused in the client is a driver-level refusal (the control API answers it 400).
import { DriverError } from '../drivers/types.js';
import { Errors } from '../errors.js';
import { serializeVoiceState } from './serialize.js';
import type { DiscordState } from './state.js';
import type { ChannelRecord, VoiceStateRecord } from './types.js';

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

  /**
   * A member connects to (or switches to) a voice channel themself, as in the Discord client: they
   * need View Channel and Connect there (overwrites applied), and a full channel (`user_limit`)
   * only lets in members holding Move Members in it (Discord staff, discord-api-docs#58).
   */
  join(guildId: string, userId: string, channelId: string, input: JoinVoiceInput = {}): VoiceStateRecord {
    const channel = this.voiceChannel(guildId, userId, channelId);
    const perms = this.s.permissions.inChannel(channel.id, userId);
    const connect = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.Connect;
    if ((perms & connect) !== connect)
      throw new DriverError(`User ${userId} lacks Connect in voice channel ${channel.name ?? channelId}`);
    const others = this.inChannel(channel.id).filter((v) => v.userId !== userId).length;
    if (channel.userLimit > 0 && others >= channel.userLimit && !(perms & PermissionFlagsBits.MoveMembers))
      throw new DriverError(`Voice channel ${channel.name ?? channelId} is full (${channel.userLimit})`);
    return this.place(guildId, userId, channel.id, input);
  }

  /**
   * Moves a connected member (what PATCH member `channel_id` does, permissions checked by the
   * route); 40032 if not connected. The mover's Move Members bypasses `user_limit`.
   */
  move(guildId: string, userId: string, channelId: string): VoiceStateRecord {
    this.s.members.get(guildId, userId);
    if (!this.find(guildId, userId)) throw Errors.targetNotInVoice();
    return this.place(guildId, userId, this.voiceChannel(guildId, userId, channelId).id);
  }

  /** A member disconnects (or is disconnected). No-op if not connected. */
  leave(guildId: string, userId: string): void {
    const guild = this.s.guilds.get(guildId);
    const state = guild.voiceStates.get(userId);
    if (!state) return;
    guild.voiceStates.delete(userId);
    this.announce(state, null);
  }

  /** The voice or stage channel of the guild, else 50035 (after 10007 for a non-member). */
  private voiceChannel(guildId: string, userId: string, channelId: string): ChannelRecord {
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
    return channel;
  }

  /** Connects or switches the member, no checks, and announces it. */
  private place(
    guildId: string,
    userId: string,
    channelId: string,
    input: JoinVoiceInput = {},
  ): VoiceStateRecord {
    const guild = this.s.guilds.get(guildId);
    const state: VoiceStateRecord = guild.voiceStates.get(userId) ?? {
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

  private announce(state: VoiceStateRecord, channelId: string | null): void {
    const member = this.s.members.find(state.guildId, state.userId);
    const payload = {
      ...serializeVoiceState(state, member ? this.s.members.toApi(member) : undefined),
      channel_id: channelId,
    };
    this.s.emit(GatewayDispatchEvents.VoiceStateUpdate, payload, state.guildId);
  }
}
