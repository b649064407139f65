/**
 * Access checks shared by the core routes, in Discord's order: the resource exists (10xxx),
 * the bot can see it (50001 Missing Access), then it holds the permission (50013).
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { Errors } from '../errors.js';
import type { RouteRequest } from '../router.js';
import type { ChannelRecord, GuildRecord } from '../state/types.js';

/** The acting user's id (the bot, or the OAuth2 user for bearer requests). */
export function actorId(req: RouteRequest): string {
  if (req.auth.kind === 'none') throw Errors.unauthorized();
  return req.auth.user.id;
}

/** The guild, if the bot is in it: 10004 if unknown, 50001 if the bot is not a member. */
export function guildForBot(emu: EmulatorContext, guildId: string): GuildRecord {
  const guild = emu.state.guilds.get(guildId);
  if (!guild.members.has(emu.botUser.id)) throw Errors.missingAccess();
  return guild;
}

/** 50013 unless the bot holds `permission` guild-wide. */
export function requireGuildPermission(emu: EmulatorContext, guildId: string, permission: bigint): void {
  if (!emu.state.permissions.has(guildId, emu.botUser.id, permission)) throw Errors.missingPermissions();
}

/** The channel, if the bot can see it: 10003 if unknown, 50001 without access. */
export function channelForBot(emu: EmulatorContext, channelId: string): ChannelRecord {
  const channel = emu.state.channels.get(channelId);
  if (!channel.guildId) return channel; // DM channels are the bot's own.
  guildForBot(emu, channel.guildId);
  if (!emu.state.permissions.hasIn(channelId, emu.botUser.id, PermissionFlagsBits.ViewChannel))
    throw Errors.missingAccess();
  return channel;
}

/** 50013 unless the bot holds `permission` in the channel (DMs: always). */
export function requireChannelPermission(emu: EmulatorContext, channelId: string, permission: bigint): void {
  if (!emu.state.permissions.hasIn(channelId, emu.botUser.id, permission)) throw Errors.missingPermissions();
}

/** 50013 unless the bot's highest role is above `roleId` (and the role is not managed by an integration). */
export function requireRoleBelowBot(emu: EmulatorContext, guildId: string, roleId: string): void {
  const role = emu.state.roles.get(guildId, roleId);
  if (role.managed || !emu.state.permissions.outranksRole(guildId, emu.botUser.id, roleId))
    throw Errors.missingPermissions();
}

/** 50013 unless the bot outranks the member (owner cannot be acted on). */
export function requireMemberBelowBot(emu: EmulatorContext, guildId: string, userId: string): void {
  if (userId === emu.botUser.id) return;
  if (!emu.state.permissions.outranksMember(guildId, emu.botUser.id, userId))
    throw Errors.missingPermissions();
}

/** Integer query parameter with Discord's bounds; 50035 when out of range. */
export function intQuery(
  req: RouteRequest,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw Errors.invalidFormBody({
      [name]: {
        _errors: [{ code: 'NUMBER_TYPE_MAX', message: `int value should be between ${min} and ${max}.` }],
      },
    });
  }
  return value;
}
