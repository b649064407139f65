/**
 * Turns internal records into the payloads Discord sends. One place, so REST responses and
 * gateway events carry identical shapes.
 */
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type APIChannel,
  type APIDMChannel,
  type APIGuild,
  type APIGuildMember,
  type APIGuildScheduledEvent,
  type APIInvite,
  type APIUser,
  type APIVoiceState,
  type GuildFeature,
  type UserFlags,
  type Locale,
} from 'discord-api-types/v10';
import type {
  ChannelRecord,
  GuildRecord,
  InviteRecord,
  MemberRecord,
  ScheduledEventRecord,
  UserRecord,
  VoiceStateRecord,
} from './types.js';

/** The public user object: no PII (locale, email, mfa) and no emulator-only fields. */
export function serializeUser(user: UserRecord): APIUser {
  return {
    id: user.id,
    username: user.username,
    avatar: user.avatar,
    discriminator: user.discriminator,
    public_flags: user.public_flags ?? (0 as UserFlags),
    flags: user.flags ?? (0 as UserFlags),
    ...(user.bot ? { bot: true } : {}),
    global_name: user.global_name,
    primary_guild: null,
  };
}

/**
 * The user as GET /users/@me returns it to the user themself (bot token, or OAuth2 with
 * `identify`): adds mfa_enabled and locale, and email/verified when `withEmail` (scope `email`).
 */
export function serializeCurrentUser(user: UserRecord, withEmail: boolean): APIUser {
  return {
    ...serializeUser(user),
    mfa_enabled: false,
    locale: user.locale ?? 'ja',
    ...(withEmail ? { email: user.email ?? null, verified: user.verified ?? true } : {}),
  };
}

export function serializeMember(member: MemberRecord, user: UserRecord): APIGuildMember {
  return {
    user: serializeUser(user),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: member.deaf,
    mute: member.mute,
    flags: member.flags,
    pending: member.pending,
    communication_disabled_until: member.communicationDisabledUntil,
  };
}

/** The guild object of GET /guilds/:id (without members/channels, as Discord sends it). */
export function serializeGuild(guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: guild.icon,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...guild.roles.values()].map((r) => ({ ...r })),
    emojis: [],
    stickers: [],
    features: guild.features as GuildFeature[],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: guild.description,
    home_header: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale as Locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
    nsfw: false,
    region: 'japan',
  } as unknown as APIGuild; // no hub_type: Discord's OpenAPI guild has none
}

export function serializeChannel(channel: ChannelRecord, recipient?: UserRecord): APIChannel {
  if (channel.type === ChannelType.DM) {
    // Discord sends no `name` for DMs (discord-api-types declares `name: null`).
    return {
      id: channel.id,
      type: ChannelType.DM,
      last_message_id: channel.lastMessageId,
      flags: 0,
      recipients: recipient ? [serializeUser(recipient)] : [],
    } as unknown as APIDMChannel;
  }
  const base = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    parent_id: channel.parentId,
    permission_overwrites: channel.permissionOverwrites.map((o) => ({ ...o })),
    nsfw: channel.nsfw,
    flags: 0,
  };
  switch (channel.type) {
    case ChannelType.GuildCategory:
      return base as APIChannel;
    case ChannelType.GuildVoice:
    case ChannelType.GuildStageVoice:
      return {
        ...base,
        bitrate: channel.bitrate,
        user_limit: channel.userLimit,
        rtc_region: null,
        last_message_id: channel.lastMessageId,
        rate_limit_per_user: channel.rateLimitPerUser,
      } as APIChannel;
    default:
      return {
        ...base,
        topic: channel.topic,
        last_message_id: channel.lastMessageId,
        rate_limit_per_user: channel.rateLimitPerUser,
      } as APIChannel;
  }
}

export function serializeVoiceState(state: VoiceStateRecord, member?: APIGuildMember): APIVoiceState {
  return {
    guild_id: state.guildId,
    channel_id: state.channelId,
    user_id: state.userId,
    ...(member ? { member } : {}),
    session_id: state.sessionId,
    deaf: state.deaf,
    mute: state.mute,
    self_deaf: state.selfDeaf,
    self_mute: state.selfMute,
    self_video: state.selfVideo,
    self_stream: false,
    suppress: state.suppress,
    request_to_speak_timestamp: null,
  };
}

/** `withUserCount` adds `user_count`, which Discord sends only when asked (`with_user_count=true`). */
export function serializeScheduledEvent(
  event: ScheduledEventRecord,
  creator?: UserRecord,
  withUserCount = false,
): APIGuildScheduledEvent {
  return {
    id: event.id,
    guild_id: event.guildId,
    channel_id: event.channelId,
    creator_id: event.creatorId,
    ...(creator ? { creator: serializeUser(creator) } : {}),
    name: event.name,
    description: event.description,
    scheduled_start_time: event.scheduledStartTime,
    scheduled_end_time: event.scheduledEndTime,
    privacy_level: event.privacyLevel,
    status: event.status,
    entity_type: event.entityType,
    entity_id: null,
    entity_metadata: event.entityMetadata,
    ...(withUserCount ? { user_count: event.interested.size } : {}),
    image: event.image,
    recurrence_rule: null,
    guild_scheduled_event_exceptions: [],
  } as APIGuildScheduledEvent;
}

/** The invite object; `metadata` adds uses/max_uses/max_age/temporary/created_at (invite metadata). */
export function serializeInvite(
  invite: InviteRecord,
  guild: GuildRecord,
  channel: ChannelRecord,
  inviter: UserRecord | undefined,
  metadata: boolean,
): APIInvite {
  const expiresAt =
    invite.maxAge > 0 ? new Date(Date.parse(invite.createdAt) + invite.maxAge * 1000).toISOString() : null;
  return {
    type: 0,
    code: invite.code,
    guild: {
      id: guild.id,
      name: guild.name,
      icon: guild.icon,
      splash: null,
      banner: null,
      description: guild.description,
      features: guild.features as GuildFeature[],
      verification_level: GuildVerificationLevel.None,
      vanity_url_code: null,
      nsfw_level: GuildNSFWLevel.Default,
      nsfw: false,
      premium_subscription_count: 0,
    },
    guild_id: guild.id,
    channel: { id: channel.id, type: channel.type, name: channel.name } as APIInvite['channel'],
    ...(inviter ? { inviter: serializeUser(inviter) } : {}),
    expires_at: expiresAt,
    ...(metadata
      ? {
          uses: invite.uses,
          max_uses: invite.maxUses,
          max_age: invite.maxAge,
          temporary: invite.temporary,
          created_at: invite.createdAt,
        }
      : {}),
  } as APIInvite;
}
