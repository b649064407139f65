/**
 * Who may hand a relay baton on from the dashboard: the same people as `/relay nominate` in
 * Discord (bot/core/preconditions.ts requireOrganiser): Manage Server (the owner and
 * Administrator have it) or the configured organiser role. Moderators may see the relay page
 * (requireGuildAccess lets every staff role in) but not act on it.
 */
import type { GuildAccessResult } from '../core/guild-access.service.js';

export function mayNominate(
  access: Pick<GuildAccessResult, 'allowed' | 'reason' | 'memberRoleIds'> | undefined,
  organiserRoleId: string | null,
): boolean {
  if (!access?.allowed) return false;
  if (access.reason === 'owner' || access.reason === 'administrator' || access.reason === 'manageGuild')
    return true;
  return organiserRoleId !== null && (access.memberRoleIds ?? []).includes(organiserRoleId);
}
