/**
 * Discord's permission computation (docs, topics/permissions): base permissions from roles (owner
 * and Administrator have all), then channel overwrites (@everyone, roles, member), then the
 * implicit denials, and role hierarchy by position.
 */
import { ChannelType, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { DiscordState } from './state.js';
import type { ChannelRecord, GuildRecord } from './types.js';

export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** Guild-level permissions of a member. */
export function basePermissions(guild: GuildRecord, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let perms = BigInt(guild.roles.get(guild.id)!.permissions);
  for (const roleId of member.roles) {
    const role = guild.roles.get(roleId);
    if (role) perms |= BigInt(role.permissions);
  }
  return perms & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : perms;
}

/** Permissions of a member in a channel (overwrites applied in Discord's order). */
export function channelPermissions(guild: GuildRecord, channel: ChannelRecord, userId: string): bigint {
  const base = basePermissions(guild, userId);
  if (base === ALL_PERMISSIONS && (guild.ownerId === userId || base & PermissionFlagsBits.Administrator))
    return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let perms = base;
  const overwrites = channel.permissionOverwrites;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === userId);
  if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
  return withImplicitDenials(channel, perms);
}

/** Needs Send Messages to mean anything (docs, topics/permissions "Implicit Permissions"). */
const SENDING =
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.SendTTSMessages |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks;

/**
 * Needs Connect in a voice or stage channel. Discord names Manage Channels ("such as
 * MANAGE_CHANNEL"); the voice-only permissions follow from being unable to join.
 */
const CONNECTED =
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.Stream |
  PermissionFlagsBits.UseVAD |
  PermissionFlagsBits.PrioritySpeaker |
  PermissionFlagsBits.MuteMembers |
  PermissionFlagsBits.DeafenMembers |
  PermissionFlagsBits.MoveMembers;

/** Discord's implicit denials: no View Channel → nothing; no Send Messages → no mentions/files/embeds; no Connect → no voice powers. */
function withImplicitDenials(channel: ChannelRecord, perms: bigint): bigint {
  if (!(perms & PermissionFlagsBits.ViewChannel)) return 0n;
  let out = perms;
  if (!(out & PermissionFlagsBits.SendMessages)) out &= ~SENDING;
  const voice = channel.type === ChannelType.GuildVoice || channel.type === ChannelType.GuildStageVoice;
  if (voice && !(out & PermissionFlagsBits.Connect)) out &= ~CONNECTED;
  return out;
}

/** Position of the member's highest role (owner: +Infinity, @everyone only: 0). */
export function highestRolePosition(guild: GuildRecord, userId: string): number {
  if (guild.ownerId === userId) return Number.POSITIVE_INFINITY;
  const member = guild.members.get(userId);
  if (!member) return -1;
  return Math.max(0, ...member.roles.map((id) => guild.roles.get(id)?.position ?? 0));
}

/** Permission helpers bound to the state. */
export function permissionsOf(s: DiscordState) {
  return {
    /** The member's guild-level permission bitfield. */
    of(guildId: string, userId: string): bigint {
      return basePermissions(s.guilds.get(guildId), userId);
    },
    /** The member's permission bitfield in a channel. */
    inChannel(channelId: string, userId: string): bigint {
      const channel = s.channels.get(channelId);
      return channel.guildId
        ? channelPermissions(s.guilds.get(channel.guildId), channel, userId)
        : ALL_PERMISSIONS;
    },
    has(guildId: string, userId: string, permission: bigint): boolean {
      return (basePermissions(s.guilds.get(guildId), userId) & permission) === permission;
    },
    hasIn(channelId: string, userId: string, permission: bigint): boolean {
      const channel = s.channels.get(channelId);
      if (!channel.guildId) return true;
      return (channelPermissions(s.guilds.get(channel.guildId), channel, userId) & permission) === permission;
    },
    /** Whether `actorId` outranks a role (strictly higher position, or owner). */
    outranksRole(guildId: string, actorId: string, roleId: string): boolean {
      const guild = s.guilds.get(guildId);
      return highestRolePosition(guild, actorId) > (guild.roles.get(roleId)?.position ?? 0);
    },
    /** Whether `actorId` outranks another member (for kicks, nick changes of others). */
    outranksMember(guildId: string, actorId: string, targetId: string): boolean {
      const guild = s.guilds.get(guildId);
      if (guild.ownerId === targetId) return false;
      return highestRolePosition(guild, actorId) > highestRolePosition(guild, targetId);
    },
  };
}
