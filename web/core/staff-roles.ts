import type { StaffRoleLookup } from './guild-access.service.js';

/** The slice of GuildSettings that dashboard access needs. */
export interface StaffRoleSettings {
  roles: { organiser?: string | null; moderator?: string | null };
}

/**
 * Adapts a settings reader (shared/services' getGuildSettings) into the StaffRoleLookup the
 * access check uses: the configured organiser and moderator roles, whichever are set.
 */
export function staffRolesFromSettings(
  read: (guildId: string) => Promise<StaffRoleSettings>,
): StaffRoleLookup {
  return async (guildId) => {
    const { roles } = await read(guildId);
    return [roles.organiser, roles.moderator].filter(
      (id): id is string => typeof id === 'string' && id !== '',
    );
  };
}
