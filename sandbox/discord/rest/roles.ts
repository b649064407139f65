/** Roles: list, get, create, update, delete — with Manage Roles and hierarchy checks. */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { Errors } from '../errors.js';
import type { Router } from '../router.js';
import { parseBody, roleCreateSchema, roleUpdateSchema } from '../validation.js';
import { guildForBot, requireGuildPermission, requireRoleBelowBot } from './access.js';

/** Discord refuses to grant permissions the bot does not hold itself. */
function requireGrantable(
  emu: EmulatorContext,
  guildId: string,
  permissions: bigint | null | undefined,
): void {
  if (permissions == null) return;
  const own = emu.state.permissions.of(guildId, emu.botUser.id);
  if ((permissions & ~own) !== 0n) throw Errors.missingPermissions();
}

export function registerRoleRoutes(router: Router): void {
  router.route('GET', '/guilds/:guildId/roles', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    return { body: emu.state.roles.list(guild.id) };
  });

  router.route('GET', '/guilds/:guildId/roles/:roleId', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    return { body: emu.state.roles.get(guild.id, params.roleId!) };
  });

  router.route('POST', '/guilds/:guildId/roles', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageRoles);
    const input = parseBody(roleCreateSchema, body);
    requireGrantable(emu, guild.id, input.permissions);
    const role = emu.state.roles.create(guild.id, {
      name: input.name ?? 'new role',
      permissions: input.permissions ?? 0n,
      color: input.color ?? 0,
      hoist: input.hoist ?? false,
      mentionable: input.mentionable ?? false,
    });
    return { body: role };
  });

  router.route('PATCH', '/guilds/:guildId/roles/:roleId', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    emu.state.roles.get(guild.id, params.roleId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageRoles);
    if (params.roleId !== guild.id) requireRoleBelowBot(emu, guild.id, params.roleId!);
    const input = parseBody(roleUpdateSchema, body);
    requireGrantable(emu, guild.id, input.permissions);
    const role = emu.state.roles.update(guild.id, params.roleId!, {
      ...(input.name != null ? { name: input.name } : {}),
      ...(input.permissions != null ? { permissions: input.permissions } : {}),
      ...(input.color != null ? { color: input.color } : {}),
      ...(input.hoist != null ? { hoist: input.hoist } : {}),
      ...(input.mentionable != null ? { mentionable: input.mentionable } : {}),
    });
    return { body: role };
  });

  router.route('DELETE', '/guilds/:guildId/roles/:roleId', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    emu.state.roles.get(guild.id, params.roleId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageRoles);
    requireRoleBelowBot(emu, guild.id, params.roleId!);
    emu.state.roles.delete(guild.id, params.roleId!);
  });
}
