import { GatewayDispatchEvents, type APIRole, type RoleFlags } from 'discord-api-types/v10';
import { DiscordApiError, Errors } from '../errors.js';
import { snowflake } from '../snowflake.js';
import type { DiscordState } from './state.js';

export interface CreateRoleInput {
  id?: string;
  name?: string;
  /** Bitfield (bigint, or a decimal string as Discord sends it). */
  permissions?: bigint | string;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  /** Defaults to just above @everyone (1), where Discord puts new roles; higher roles shift up. */
  position?: number;
  /** Marks the role as managed by this bot (the bot's own integration role). */
  botId?: string;
}

export type UpdateRoleInput = Omit<CreateRoleInput, 'id' | 'botId'>;

/**
 * Discord's cap on a guild's roles: 250 (JSON error 30005 "Maximum number of guild roles reached
 * (250)", discord-api-docs topics/opcodes-and-status-codes). Counted with @everyone here, the
 * stricter reading (the docs do not say whether @everyone counts).
 */
export const MAX_GUILD_ROLES = 250;

/** Roles of a guild, ordered by `position` (higher = more powerful; @everyone is 0). */
export class RoleStore {
  constructor(private readonly s: DiscordState) {}

  /** Returns the role or throws 404 10011 Unknown Role. */
  get(guildId: string, roleId: string): APIRole {
    const role = this.s.guilds.get(guildId).roles.get(roleId);
    if (!role) throw Errors.unknownRole();
    return role;
  }

  list(guildId: string): APIRole[] {
    return [...this.s.guilds.get(guildId).roles.values()].sort((a, b) => a.position - b.position);
  }

  /** Creates a role and emits GUILD_ROLE_CREATE; 400 30005 once the guild has 250 roles. */
  create(guildId: string, input: CreateRoleInput = {}): APIRole {
    const guild = this.s.guilds.get(guildId);
    if (guild.roles.size >= MAX_GUILD_ROLES)
      throw new DiscordApiError(400, 30005, 'Maximum number of guild roles reached (250)');
    const position = Math.max(1, input.position ?? 1);
    for (const role of guild.roles.values())
      if (role.id !== guildId && role.position >= position) role.position += 1;
    const color = input.color ?? 0;
    const role: APIRole = {
      id: input.id ?? snowflake(),
      name: input.name ?? 'new role',
      color,
      colors: { primary_color: color, secondary_color: null, tertiary_color: null },
      hoist: input.hoist ?? false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: (input.permissions ?? 0n).toString(),
      managed: input.botId !== undefined,
      mentionable: input.mentionable ?? false,
      flags: 0 as RoleFlags,
      ...(input.botId ? { tags: { bot_id: input.botId } } : {}),
    };
    guild.roles.set(role.id, role);
    this.s.emit(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role: { ...role } }, guildId);
    return role;
  }

  /** Updates a role and emits GUILD_ROLE_UPDATE. */
  update(guildId: string, roleId: string, patch: UpdateRoleInput): APIRole {
    const role = this.get(guildId, roleId);
    if (patch.name !== undefined) role.name = patch.name;
    if (patch.permissions !== undefined) role.permissions = patch.permissions.toString();
    if (patch.color !== undefined) {
      role.color = patch.color;
      role.colors = { primary_color: patch.color, secondary_color: null, tertiary_color: null };
    }
    if (patch.hoist !== undefined) role.hoist = patch.hoist;
    if (patch.mentionable !== undefined) role.mentionable = patch.mentionable;
    if (patch.position !== undefined && roleId !== guildId) role.position = Math.max(1, patch.position);
    this.s.emit(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guildId, role: { ...role } }, guildId);
    return role;
  }

  /** Deletes a role (never @everyone), strips it from members and emits GUILD_ROLE_DELETE. */
  delete(guildId: string, roleId: string): void {
    const guild = this.s.guilds.get(guildId);
    this.get(guildId, roleId);
    if (roleId === guildId)
      throw Errors.invalidFormBody({
        role_id: { _errors: [{ code: 'INVALID', message: 'Cannot delete @everyone' }] },
      });
    guild.roles.delete(roleId);
    for (const member of guild.members.values()) member.roles = member.roles.filter((r) => r !== roleId);
    this.s.emit(GatewayDispatchEvents.GuildRoleDelete, { guild_id: guildId, role_id: roleId }, guildId);
  }
}
