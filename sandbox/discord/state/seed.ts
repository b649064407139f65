/**
 * Seeds a ready-to-use guild: owner, bot member with its managed role, a few roles, text and voice
 * channels under categories, and N members. Events are announced as one GUILD_CREATE at the end
 * (as when the bot joins a guild), so a connected client sees the guild appear.
 */
import { ChannelType, PermissionFlagsBits, type APIRole } from 'discord-api-types/v10';
import type { DiscordState } from './state.js';
import type { ChannelRecord, GuildRecord, MemberRecord, UserRecord } from './types.js';

/** What the bot's managed role allows by default: everything Tsunagu needs, nothing more. */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.ManageRoles |
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.MoveMembers |
  PermissionFlagsBits.ManageEvents |
  PermissionFlagsBits.CreateEvents |
  PermissionFlagsBits.ManageGuild |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.Connect;

export interface SeedGuildOptions {
  name?: string;
  /** Existing owner; otherwise a user named "owner" is created. */
  ownerId?: string;
  memberCount?: number;
  /** Username prefix of generated members: `${prefix}-001`, … */
  memberPrefix?: string;
  botPermissions?: bigint;
  /** Extra roles, created below the bot's role in this order (first = lowest). */
  roles?: { name: string; permissions?: bigint; color?: number }[];
  textChannels?: string[];
  voiceChannels?: string[];
  /** Include the bot as a member (default true). */
  withBot?: boolean;
}

export interface SeededGuild {
  guild: GuildRecord;
  owner: UserRecord;
  bot: MemberRecord | undefined;
  botRole: APIRole | undefined;
  /** Roles by name (including the extra roles). */
  roles: Record<string, APIRole>;
  /** Channels by name (categories included). */
  channels: Record<string, ChannelRecord>;
  members: UserRecord[];
}

/** Creates a guild with owner, bot, roles, channels and members (see SeedGuildOptions for defaults). */
export function seedGuild(s: DiscordState, options: SeedGuildOptions = {}): SeededGuild {
  const owner = options.ownerId
    ? s.users.get(options.ownerId)
    : s.users.create({ username: 'owner', globalName: 'Owner' });
  const guild = s.guilds.create({ name: options.name ?? 'Emulated Guild', ownerId: owner.id });
  const roles: Record<string, APIRole> = {};
  (options.roles ?? [{ name: 'Alumni' }, { name: 'Organiser' }]).forEach((spec, i) => {
    roles[spec.name] = s.roles.create(guild.id, {
      name: spec.name,
      permissions: spec.permissions ?? 0n,
      color: spec.color,
      position: i + 1,
    });
  });
  const withBot = options.withBot ?? true;
  const botId = s.botUserId;
  let botRole: APIRole | undefined;
  if (withBot && botId) {
    const top = Math.max(0, ...[...guild.roles.values()].map((r) => r.position)) + 1;
    botRole = s.roles.create(guild.id, {
      name: s.users.get(botId).username,
      permissions: options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      position: top,
      botId,
    });
  }
  const channels: Record<string, ChannelRecord> = {};
  const textCategory = s.channels.create(guild.id, {
    name: 'Text Channels',
    type: ChannelType.GuildCategory,
  });
  channels[textCategory.name!] = textCategory;
  for (const name of options.textChannels ?? ['general', 'welcome', 'introductions', 'events']) {
    channels[name] = s.channels.create(guild.id, { name, parentId: textCategory.id });
  }
  const voiceCategory = s.channels.create(guild.id, {
    name: 'Voice Channels',
    type: ChannelType.GuildCategory,
  });
  channels[voiceCategory.name!] = voiceCategory;
  for (const name of options.voiceChannels ?? ['Lounge', 'Room 1', 'Room 2']) {
    channels[name] = s.channels.create(guild.id, {
      name,
      type: ChannelType.GuildVoice,
      parentId: voiceCategory.id,
    });
  }
  guild.systemChannelId = channels.general?.id ?? null;
  const members: UserRecord[] = [];
  const prefix = options.memberPrefix ?? 'member';
  for (let i = 1; i <= (options.memberCount ?? 10); i++) {
    const n = String(i).padStart(3, '0');
    const user = s.users.create({ username: `${prefix}-${n}`, globalName: `Member ${n}` });
    s.members.insert(guild, user.id, { joinedAt: new Date(Date.now() - i * 86_400_000) });
    members.push(user);
  }
  let bot: MemberRecord | undefined;
  if (withBot && botId) {
    bot = s.members.insert(guild, botId, { roles: botRole ? [botRole.id] : [] });
    s.guilds.announce(guild.id);
  }
  return { guild, owner, bot, botRole, roles, channels, members };
}
