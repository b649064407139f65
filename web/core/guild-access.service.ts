import type { DiscordDirectory, GuildInfo } from './discord-directory.js';
import { decideAccess, type AccessReason } from './permissions.js';
import { TtlCache } from './ttl-cache.js';

/** Result of an access check; `guild` is present whenever the bot is in the guild. */
export interface GuildAccessResult {
  allowed: boolean;
  reason?: AccessReason;
  /** False when the bot is not in the guild (the dashboard has nothing to show). */
  botPresent: boolean;
  /** False when the user is not a member of the guild. */
  member: boolean;
  guild?: GuildInfo;
  /** The member's role ids when allowed (a page may ask for a narrower role, e.g. organisers only). */
  memberRoleIds?: readonly string[];
}

/** Decides, per request, whether a user may manage a guild in the dashboard. */
export interface GuildAccess {
  check(guildId: string, userId: string): Promise<GuildAccessResult>;
}

/** Reads the moderator/organiser role ids configured for a guild (GuildSettings); [] when none. */
export type StaffRoleLookup = (guildId: string) => Promise<readonly string[]>;

export interface GuildAccessOptions {
  directory: DiscordDirectory;
  staffRoles?: StaffRoleLookup;
  /** How long a decision stands before Discord is asked again (default 30 s). */
  ttlMs?: number;
  now?: () => number;
}

/** The default lookup: no role configured, so only Manage Guild / Administrator / owner get in. */
export const noStaffRoles: StaffRoleLookup = async () => [];

/**
 * Builds the GuildAccess service: asks Discord (with the bot token) for the guild and the
 * member, computes permissions from role bitfields, and caches guilds and decisions briefly so
 * a page with many requests does not hit Discord's rate limits.
 */
export function createGuildAccess(options: GuildAccessOptions): GuildAccess {
  const { directory, staffRoles = noStaffRoles, ttlMs = 30_000, now = Date.now } = options;
  const guilds = new TtlCache<GuildInfo | null>(ttlMs, 1000, now);
  const decisions = new TtlCache<GuildAccessResult>(ttlMs, 5000, now);

  async function decide(guildId: string, userId: string): Promise<GuildAccessResult> {
    const guild = await guilds.getOrLoad(guildId, () => directory.getGuild(guildId));
    if (!guild) return { allowed: false, botPresent: false, member: false };
    const [member, staffRoleIds] = await Promise.all([
      directory.getMember(guildId, userId),
      staffRoles(guildId),
    ]);
    if (!member) return { allowed: false, botPresent: true, member: false, guild };
    const decision = decideAccess({
      guildId,
      ownerId: guild.ownerId,
      userId,
      memberRoleIds: member.roleIds,
      roles: guild.roles,
      staffRoleIds,
    });
    return decision.allowed
      ? {
          allowed: true,
          reason: decision.reason,
          botPresent: true,
          member: true,
          guild,
          memberRoleIds: member.roleIds,
        }
      : { allowed: false, botPresent: true, member: true, guild };
  }

  return {
    check: (guildId, userId) => decisions.getOrLoad(`${guildId}:${userId}`, () => decide(guildId, userId)),
  };
}
