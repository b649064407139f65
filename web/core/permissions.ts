/**
 * Pure permission arithmetic for dashboard access: who may manage a guild's Tsunagu.
 * Discord permissions are a bitfield serialised as a decimal string; we use bigint because
 * the field is wider than 53 bits.
 */
export const ADMINISTRATOR = 1n << 3n;
export const MANAGE_GUILD = 1n << 5n;

export interface RoleBits {
  id: string;
  /** Decimal string as Discord sends it. */
  permissions: string;
}

export interface AccessInput {
  guildId: string;
  ownerId: string;
  userId: string;
  /** The member's role ids (Discord omits @everyone here). */
  memberRoleIds: readonly string[];
  roles: readonly RoleBits[];
  /** Moderator/organiser role ids configured in the guild's settings (may be empty). */
  staffRoleIds: readonly string[];
}

export type AccessReason = 'owner' | 'administrator' | 'manageGuild' | 'staffRole';

export type AccessDecision = { allowed: true; reason: AccessReason } | { allowed: false };

/** ORs the permissions of @everyone (whose id is the guild id) and the member's roles. */
export function basePermissions(
  guildId: string,
  memberRoleIds: readonly string[],
  roles: readonly RoleBits[],
): bigint {
  const held = new Set([guildId, ...memberRoleIds]);
  let bits = 0n;
  for (const role of roles) {
    if (held.has(role.id)) bits |= parseBits(role.permissions);
  }
  return bits;
}

/**
 * Decides whether a member may use the dashboard for this guild: the owner, Administrator,
 * Manage Guild, or a configured moderator/organiser role. Channel overwrites do not matter:
 * these are guild-level permissions.
 */
export function decideAccess(input: AccessInput): AccessDecision {
  if (input.userId === input.ownerId) return { allowed: true, reason: 'owner' };
  const bits = basePermissions(input.guildId, input.memberRoleIds, input.roles);
  if ((bits & ADMINISTRATOR) !== 0n) return { allowed: true, reason: 'administrator' };
  if ((bits & MANAGE_GUILD) !== 0n) return { allowed: true, reason: 'manageGuild' };
  const staff = new Set(input.staffRoleIds);
  if (input.memberRoleIds.some((id) => staff.has(id))) return { allowed: true, reason: 'staffRole' };
  return { allowed: false };
}

function parseBits(value: string): bigint {
  // A malformed bitfield grants nothing rather than crashing the request.
  return /^\d+$/.test(value) ? BigInt(value) : 0n;
}
