import { PermissionFlagsBits, type PermissionsBitField, type Role } from 'discord.js';

/**
 * Permissions a self-assigned role must not carry: each lets its holder run the server or
 * act on other members (Manage Server also opens Tsunagu's dashboard). Named after
 * discord.js's flags, which are also the suffixes of the `bot.permission.*` message keys.
 */
export const ELEVATED_PERMISSIONS = [
  'Administrator',
  'ManageGuild',
  'ManageRoles',
  'ManageChannels',
  'KickMembers',
  'BanMembers',
  'ManageMessages',
  'ModerateMembers',
  'MentionEveryone',
  'ManageWebhooks',
  'ManageNicknames',
  'ManageGuildExpressions',
  'ManageEvents',
  'ManageThreads',
  'ViewAuditLog',
  'MoveMembers',
  'MuteMembers',
  'DeafenMembers',
] as const satisfies readonly (keyof typeof PermissionFlagsBits)[];

export type ElevatedPermission = (typeof ELEVATED_PERMISSIONS)[number];

/** The elevated permissions `permissions` holds, in the order above (empty: safe to self-assign). */
export function elevatedPermissionsOf(permissions: Readonly<PermissionsBitField>): ElevatedPermission[] {
  return ELEVATED_PERMISSIONS.filter((name) => permissions.has(PermissionFlagsBits[name], false));
}

/** The first role that carries an elevated permission, with those permissions. */
export function firstElevatedRole(
  roles: readonly Role[],
): { role: Role; permissions: ElevatedPermission[] } | null {
  for (const role of roles) {
    const permissions = elevatedPermissionsOf(role.permissions);
    if (permissions.length > 0) return { role, permissions };
  }
  return null;
}
