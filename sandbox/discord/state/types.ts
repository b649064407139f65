/**
 * Internal records of the emulator's state model. They hold what Discord stores; serializers in
 * serialize.ts turn them into the `discord-api-types` payloads REST and the Gateway send.
 */
import type {
  APIEmbed,
  APIMessage,
  APIOverwrite,
  APIRole,
  APIUser,
  ChannelType,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
} from 'discord-api-types/v10';

export type { APIEmbed, APIMessage, APIRole, APIUser };

export interface UserRecord extends APIUser {
  /** Emulator-only: the user no longer accepts DMs from the bot (50007). */
  dmsClosed?: boolean;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  icon: string | null;
  description: string | null;
  preferredLocale: string;
  systemChannelId: string | null;
  features: string[];
  /** Role id → role; the @everyone role has the guild's id. */
  roles: Map<string, APIRole>;
  /** User id → member. */
  members: Map<string, MemberRecord>;
  /** Ids of the guild's channels (the channels live in `StateCore.channels`). */
  channelIds: Set<string>;
  /** User id → voice state (only users connected to a voice channel). */
  voiceStates: Map<string, VoiceStateRecord>;
  /** Event id → scheduled event. */
  scheduledEvents: Map<string, ScheduledEventRecord>;
  /** Emulator-only: in an outage (GuildStore.outage): no dispatches until GuildStore.recover. */
  unavailable?: boolean;
}

export interface MemberRecord {
  guildId: string;
  userId: string;
  nick: string | null;
  /** Role ids, never including @everyone (as Discord sends them). */
  roles: string[];
  joinedAt: string;
  deaf: boolean;
  mute: boolean;
  pending: boolean;
  communicationDisabledUntil: string | null;
  flags: number;
}

export type SupportedChannelType =
  | ChannelType.GuildText
  | ChannelType.DM
  | ChannelType.GuildVoice
  | ChannelType.GuildCategory
  | ChannelType.GuildAnnouncement
  | ChannelType.GuildStageVoice;

export interface ChannelRecord {
  id: string;
  type: SupportedChannelType;
  /** Absent for DM channels. */
  guildId?: string;
  name: string | null;
  position: number;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  rateLimitPerUser: number;
  bitrate: number;
  userLimit: number;
  permissionOverwrites: APIOverwrite[];
  /** DM channels: the recipient's user id. */
  recipientId?: string;
  lastMessageId: string | null;
}

export interface VoiceStateRecord {
  guildId: string;
  userId: string;
  channelId: string;
  sessionId: string;
  deaf: boolean;
  mute: boolean;
  selfDeaf: boolean;
  selfMute: boolean;
  selfVideo: boolean;
  suppress: boolean;
}

export interface InviteRecord {
  code: string;
  guildId: string;
  channelId: string;
  inviterId: string | null;
  uses: number;
  maxUses: number;
  /** Seconds; 0 = never expires. */
  maxAge: number;
  temporary: boolean;
  createdAt: string;
}

export interface ScheduledEventRecord {
  id: string;
  guildId: string;
  channelId: string | null;
  creatorId: string | null;
  name: string;
  description: string | null;
  scheduledStartTime: string;
  scheduledEndTime: string | null;
  privacyLevel: GuildScheduledEventPrivacyLevel;
  status: GuildScheduledEventStatus;
  entityType: GuildScheduledEventEntityType;
  entityMetadata: { location?: string } | null;
  image: string | null;
  /** User ids of the interested users. */
  interested: Set<string>;
}

/** An OAuth2 access token issued by the emulator (filled by oauth2.ts, read by the auth layer). */
export interface OAuthTokenRecord {
  accessToken: string;
  refreshToken: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
}
