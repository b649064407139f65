import {
  ChannelType,
  GatewayDispatchEvents,
  type APIChannel,
  type APIOverwrite,
} from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { snowflake } from '../snowflake.js';
import { assertGuildHasRoom, assertParentAccepts } from './channel-limits.js';
import { serializeChannel } from './serialize.js';
import type { DiscordState } from './state.js';
import type { ChannelRecord, SupportedChannelType } from './types.js';

export interface CreateChannelInput {
  id?: string;
  name: string;
  type?: SupportedChannelType;
  parentId?: string | null;
  topic?: string | null;
  position?: number;
  nsfw?: boolean;
  bitrate?: number;
  userLimit?: number;
  rateLimitPerUser?: number;
  /** Absent: a copy of the parent category's overwrites (none without a parent). */
  permissionOverwrites?: APIOverwrite[];
}

export type UpdateChannelInput = Partial<Omit<CreateChannelInput, 'id' | 'type'>>;

/** Guild channels (text, voice, category, announcement, stage) and DM channels. */
export class ChannelStore {
  constructor(private readonly s: DiscordState) {}

  /** Returns the channel or throws 404 10003 Unknown Channel. */
  get(id: string): ChannelRecord {
    const channel = this.s.data.channels.get(id);
    if (!channel) throw Errors.unknownChannel();
    return channel;
  }

  find(id: string): ChannelRecord | undefined {
    return this.s.data.channels.get(id);
  }

  /** A guild's channels ordered by position. */
  list(guildId: string): ChannelRecord[] {
    return [...this.s.guilds.get(guildId).channelIds]
      .map((id) => this.get(id))
      .sort((a, b) => a.position - b.position);
  }

  /** The API shape (DMs carry their recipient). */
  toApi(channel: ChannelRecord): APIChannel {
    return serializeChannel(
      channel,
      channel.recipientId ? this.s.users.find(channel.recipientId) : undefined,
    );
  }

  /** Creates a guild channel and emits CHANNEL_CREATE. */
  create(guildId: string, input: CreateChannelInput): ChannelRecord {
    const guild = this.s.guilds.get(guildId);
    const type = input.type ?? ChannelType.GuildText;
    assertGuildHasRoom(guild);
    if (input.parentId) assertParentAccepts(guild, this.find(input.parentId), type, this.list(guildId));
    const voice = type === ChannelType.GuildVoice || type === ChannelType.GuildStageVoice;
    const channel: ChannelRecord = {
      id: input.id ?? snowflake(),
      type,
      guildId,
      name: input.name,
      position: input.position ?? this.nextPosition(guildId),
      parentId: input.parentId ?? null,
      topic: input.topic ?? null,
      nsfw: input.nsfw ?? false,
      rateLimitPerUser: input.rateLimitPerUser ?? 0,
      bitrate: voice ? (input.bitrate ?? 64000) : 0,
      userLimit: voice ? (input.userLimit ?? 0) : 0,
      // Without overwrites of its own a new channel is synced with its category (discord-api-docs#6573).
      permissionOverwrites: (input.permissionOverwrites ?? this.parentOverwrites(input.parentId)).map(
        (o) => ({ ...o }),
      ),
      lastMessageId: null,
    };
    this.s.data.channels.set(channel.id, channel);
    guild.channelIds.add(channel.id);
    this.s.emit(GatewayDispatchEvents.ChannelCreate, this.toApi(channel), guildId);
    return channel;
  }

  /** Updates a guild channel and emits CHANNEL_UPDATE (a new parent must have room: 50 per category). */
  update(id: string, patch: UpdateChannelInput): ChannelRecord {
    const channel = this.get(id);
    if (!channel.guildId) throw Errors.missingAccess();
    if (patch.parentId && patch.parentId !== channel.parentId) {
      const guild = this.s.guilds.get(channel.guildId);
      assertParentAccepts(guild, this.find(patch.parentId), channel.type, this.list(guild.id), id);
    }
    if (patch.name !== undefined) channel.name = patch.name;
    if (patch.parentId !== undefined) channel.parentId = patch.parentId;
    if (patch.topic !== undefined) channel.topic = patch.topic;
    if (patch.position !== undefined) channel.position = patch.position;
    if (patch.nsfw !== undefined) channel.nsfw = patch.nsfw;
    if (patch.bitrate !== undefined) channel.bitrate = patch.bitrate;
    if (patch.userLimit !== undefined) channel.userLimit = patch.userLimit;
    if (patch.rateLimitPerUser !== undefined) channel.rateLimitPerUser = patch.rateLimitPerUser;
    if (patch.permissionOverwrites !== undefined)
      channel.permissionOverwrites = patch.permissionOverwrites.map((o) => ({ ...o }));
    this.s.emit(GatewayDispatchEvents.ChannelUpdate, this.toApi(channel), channel.guildId);
    return channel;
  }

  /**
   * Deletes a guild channel (docs, channel "Delete/Close Channel"): whoever is connected to it is
   * disconnected (VOICE_STATE_UPDATE, channel_id null), its invites and messages go, a category's
   * children lose their parent (CHANNEL_UPDATE each), its scheduled events are deleted without an
   * event of their own, then CHANNEL_DELETE.
   */
  delete(id: string): ChannelRecord {
    const channel = this.get(id);
    const guildId = channel.guildId;
    if (!guildId) throw Errors.missingAccess();
    const guild = this.s.guilds.get(guildId);
    for (const state of [...guild.voiceStates.values()])
      if (state.channelId === id) this.s.voice.leave(guildId, state.userId);
    for (const invite of [...this.s.data.invites.values()])
      if (invite.channelId === id) this.s.invites.delete(invite.code);
    for (const child of this.list(guildId))
      if (child.parentId === id) this.update(child.id, { parentId: null });
    // Its scheduled events go with it, silently (discord-api-docs#4581; see removeWithChannel).
    this.s.scheduledEvents.removeWithChannel(guildId, id);
    guild.channelIds.delete(id);
    this.s.data.channels.delete(id);
    this.s.data.messages.delete(id);
    this.s.emit(GatewayDispatchEvents.ChannelDelete, this.toApi(channel), guildId);
    return channel;
  }

  /** Opens (or returns) the DM channel between the bot and a user. Discord sends no event for it. */
  openDm(recipientId: string): ChannelRecord {
    this.s.users.get(recipientId);
    for (const channel of this.s.data.channels.values()) {
      if (channel.type === ChannelType.DM && channel.recipientId === recipientId) return channel;
    }
    const channel: ChannelRecord = {
      id: snowflake(),
      type: ChannelType.DM,
      name: null,
      position: 0,
      parentId: null,
      topic: null,
      nsfw: false,
      rateLimitPerUser: 0,
      bitrate: 0,
      userLimit: 0,
      permissionOverwrites: [],
      recipientId,
      lastMessageId: null,
    };
    this.s.data.channels.set(channel.id, channel);
    return channel;
  }

  /** The DM channel with a user, if one was opened. */
  findDm(recipientId: string): ChannelRecord | undefined {
    return [...this.s.data.channels.values()].find(
      (c) => c.type === ChannelType.DM && c.recipientId === recipientId,
    );
  }

  private parentOverwrites(parentId: string | null | undefined): APIOverwrite[] {
    return parentId ? this.get(parentId).permissionOverwrites : [];
  }

  private nextPosition(guildId: string): number {
    const positions = [...this.s.guilds.get(guildId).channelIds].map((id) => this.get(id).position);
    return positions.length ? Math.max(...positions) + 1 : 0;
  }
}
