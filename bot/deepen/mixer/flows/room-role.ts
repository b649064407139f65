/**
 * The mixer's temporary role: everyone in a mixer (organiser, facilitators, participants, late
 * joiners) holds it, and each room opens to it with one overwrite, so a mixer of any size fits
 * Discord's 100 overwrites per channel body. Grants are one request per person
 * (PUT /guilds/{g}/members/{u}/roles/{r}, a bucket of its own, apart from the member moves);
 * deleting the role at the end takes it from everyone in one request. The role carries no
 * permissions of its own and its name carries the run id, so a restarted worker finds it.
 */
import type { Guild } from 'discord.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { discordCode, isMissingPermission, isUnknownMember } from '../../../core/discord-errors.js';

/** 30005: the guild already has 250 roles (discord-api-docs, JSON error codes). */
const MAX_ROLES_REACHED = 30005;

/** The bot may not make or grant the role (Manage Roles, or the role hierarchy), or the guild is full of roles. */
export class RoleRefused extends Error {
  constructor(readonly full: boolean) {
    super(full ? 'guild role cap reached' : 'mixer role refused');
  }
}

export function roleName(run: Pick<MixerRunView, 'runId' | 'locale'>): string {
  return `${translator(run.locale as Locale)('deepen.mixer.room.role')} ${run.runId}`;
}

function refusedOr(error: unknown): unknown {
  if (isMissingPermission(error)) return new RoleRefused(false);
  if (discordCode(error) === MAX_ROLES_REACHED) return new RoleRefused(true);
  return error;
}

/**
 * The run's role id, made now when the guild has none by its name (the gateway keeps the role
 * cache; a role made before a restart arrives in GUILD_CREATE).
 * @throws RoleRefused
 */
export async function ensureRoomRole(guild: Guild, run: MixerRunView): Promise<string> {
  const name = roleName(run);
  const found = guild.roles.cache.find((r) => r.name === name);
  if (found) return found.id;
  try {
    const role = await guild.roles.create({
      name,
      permissions: [],
      mentionable: false,
      hoist: false,
      reason: 'Tsunagu mixer: who may see and join its rooms',
    });
    return role.id;
  } catch (error) {
    throw refusedOr(error);
  }
}

/**
 * Grants the role to each of `userIds` who lacks it (in parallel: discord.js paces the route's
 * bucket). Someone who left the guild meanwhile is skipped.
 * @throws RoleRefused when Discord refuses the grant
 */
export async function grantRoomRole(guild: Guild, roleId: string, userIds: readonly string[]): Promise<void> {
  const outcomes = await Promise.allSettled(
    userIds.map(async (user) => {
      if (guild.members.cache.get(user)?.roles.cache.has(roleId)) return;
      await guild.members.addRole({ user, role: roleId, reason: 'Tsunagu mixer participant' });
    }),
  );
  for (const outcome of outcomes)
    if (outcome.status === 'rejected' && !isUnknownMember(outcome.reason)) throw refusedOr(outcome.reason);
}

/** Deletes the run's role (already gone counts as done; found by name, so a crash cannot orphan it). */
export async function deleteRoomRole(guild: Guild, run: MixerRunView): Promise<void> {
  const name = roleName(run);
  const roles = await guild.roles.fetch();
  for (const role of roles.values()) {
    if (role.name !== name) continue;
    await guild.roles.delete(role.id, 'Tsunagu mixer ended').catch((error: unknown) => {
      if (discordCode(error) !== 10011) throw error;
    });
  }
}
