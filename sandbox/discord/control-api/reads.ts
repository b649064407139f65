/**
 * What a person's Discord client would show, as plain JSON: a guild's members (names, roles, voice
 * channel, DM channel), channels, roles, invites, the commands a member can use, users, and the
 * ephemeral replies one person got. The Discord view reads these; so can tests and scripts.
 */
import { ChannelType, PermissionFlagsBits, type APIApplicationCommand } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { permissionsFor } from '../drivers.js';
import { commandsOf } from '../rest/applications.js';
import { interactionsOf } from '../rest/interactions.js';
import { compareSnowflakes } from '../snowflake.js';
import type { DiscordState } from '../state/state.js';
import type { APIMessage, UserRecord } from '../state/types.js';

const VOICE_TYPES = new Set<number>([ChannelType.GuildVoice, ChannelType.GuildStageVoice]);

/** user id → DM channel id, in one pass over the channels (a guild may have thousands of members). */
function dmChannels(state: DiscordState): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of state.data.channels.values())
    if (c.type === ChannelType.DM && c.recipientId) out.set(c.recipientId, c.id);
  return out;
}

const displayName = (user: UserRecord, nick?: string | null) => nick ?? user.global_name ?? user.username;

/** A guild's members: ids, names, roles (highest first), voice channel and DM channel. */
export function listMembers(emu: EmulatorContext, guildId: string) {
  const state = emu.state;
  const guild = state.guilds.get(guildId);
  const dms = dmChannels(state);
  const position = (id: string) => guild.roles.get(id)?.position ?? 0;
  return state.members.list(guildId).map((m) => {
    const user = state.users.get(m.userId);
    return {
      id: m.userId,
      username: user.username,
      globalName: user.global_name ?? null,
      nick: m.nick,
      displayName: displayName(user, m.nick),
      bot: Boolean(user.bot),
      locale: user.locale ?? null,
      roles: [...m.roles].sort((a, b) => position(b) - position(a)),
      joinedAt: m.joinedAt,
      pending: m.pending,
      voiceChannelId: guild.voiceStates.get(m.userId)?.channelId ?? null,
      dmChannelId: dms.get(m.userId) ?? null,
      dmsClosed: Boolean(user.dmsClosed),
    };
  });
}

/**
 * A guild's channels by position; voice channels list who is connected. With `asUserId` (a member)
 * only the channels that member may view, as their client shows them.
 */
export function listChannels(emu: EmulatorContext, guildId: string, asUserId?: string) {
  const state = emu.state;
  const guild = state.guilds.get(guildId);
  const viewer = asUserId && guild.members.has(asUserId) ? asUserId : undefined;
  const voice = [...guild.voiceStates.values()];
  return state.channels
    .list(guildId)
    .filter(
      (c) =>
        !viewer ||
        (permissionsFor(state, guildId, viewer, c.id) & PermissionFlagsBits.ViewChannel) ===
          PermissionFlagsBits.ViewChannel,
    )
    .map((c) => ({
      id: c.id,
      name: c.name,
      type: c.type,
      parentId: c.parentId,
      position: c.position,
      topic: c.topic,
      userLimit: c.userLimit,
      ...(VOICE_TYPES.has(c.type)
        ? { voiceMembers: voice.filter((v) => v.channelId === c.id).map((v) => v.userId) }
        : {}),
    }));
}

/** A guild's roles, highest first, with their colours. */
export function listRoles(emu: EmulatorContext, guildId: string) {
  return emu.state.roles
    .list(guildId)
    .reverse()
    .map((r) => ({
      id: r.id,
      name: r.name,
      color: r.color,
      position: r.position,
      hoist: r.hoist,
      managed: r.managed,
      mentionable: r.mentionable,
    }));
}

/** A guild's live invites. */
export function listInvites(emu: EmulatorContext, guildId: string) {
  return emu.state.invites.list(guildId).map((i) => ({
    code: i.code,
    channelId: i.channelId,
    inviterId: i.inviterId,
    uses: i.uses,
    maxUses: i.maxUses,
    maxAge: i.maxAge,
    temporary: i.temporary,
    createdAt: i.createdAt,
  }));
}

/**
 * The application's commands a person sees in `guildId` (null: in the DM with the bot): guild
 * commands win over global ones of the same name and type. With `asUserId`, commands whose
 * default_member_permissions the member lacks are hidden, as Discord hides them.
 */
export function listCommands(
  emu: EmulatorContext,
  guildId: string | null,
  asUserId?: string,
): APIApplicationCommand[] {
  const registry = commandsOf(emu.state);
  const app = emu.application.id;
  const local = guildId ? registry.list(app, guildId) : [];
  const taken = new Set(local.map((c) => `${c.type}:${c.name}`));
  const global = registry.list(app).filter((c) => !taken.has(`${c.type}:${c.name}`));
  const member = guildId && asUserId ? emu.state.members.find(guildId, asUserId) : undefined;
  return [...local, ...global]
    .filter((c) => {
      if (!guildId || !member || c.default_member_permissions == null) return true;
      const needed = BigInt(c.default_member_permissions);
      return (permissionsFor(emu.state, guildId, member.userId) & needed) === needed;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every user the emulator knows (people and bots), their DM channel with the bot and their guilds. */
export function listUsers(emu: EmulatorContext) {
  const guilds = emu.state.guilds.list();
  const dms = dmChannels(emu.state);
  return emu.state.users.list().map((u) => ({
    id: u.id,
    username: u.username,
    globalName: u.global_name ?? null,
    displayName: displayName(u),
    bot: Boolean(u.bot),
    locale: u.locale ?? null,
    dmsClosed: Boolean(u.dmsClosed),
    dmChannelId: dms.get(u.id) ?? null,
    guildIds: guilds.filter((g) => g.members.has(u.id)).map((g) => g.id),
  }));
}

/**
 * The ephemeral messages one person got (only they see them in Discord), oldest first, in one
 * channel if given. They live with the interactions, so they disappear when those are pruned.
 */
export function ephemeralFor(emu: EmulatorContext, userId: string, channelId?: string): APIMessage[] {
  const seen = new Map<string, APIMessage>();
  for (const record of interactionsOf(emu.state).list()) {
    if (record.userId !== userId) continue;
    for (const message of record.ephemeral.values())
      if (!channelId || message.channel_id === channelId) seen.set(message.id, message);
  }
  return [...seen.values()].sort((a, b) => compareSnowflakes(a.id, b.id));
}

/** A channel's messages, oldest first; `limit` keeps the newest ones. */
export function channelMessages(emu: EmulatorContext, channelId: string, limit?: number): APIMessage[] {
  const newestFirst = emu.state.messages.list(channelId);
  const kept = limit && limit > 0 ? newestFirst.slice(0, limit) : newestFirst;
  return kept.reverse();
}

/** Everything a guild's page needs at once: the guild, its roles, channels, members and invites. */
export function guildSnapshot(emu: EmulatorContext, guildId: string, asUserId?: string) {
  const guild = emu.state.guilds.get(guildId);
  return {
    id: guild.id,
    name: guild.name,
    ownerId: guild.ownerId,
    preferredLocale: guild.preferredLocale,
    systemChannelId: guild.systemChannelId,
    roles: listRoles(emu, guildId),
    channels: listChannels(emu, guildId, asUserId),
    members: listMembers(emu, guildId),
    invites: listInvites(emu, guildId),
  };
}
