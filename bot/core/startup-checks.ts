import type { Client, Guild, PermissionsBitField, PermissionsString } from 'discord.js';
import type { HealthProblem } from '../../shared/health/index.js';
import { childLogger } from '../../shared/logger.js';
import type { BotContext } from '../context.js';

/**
 * What Tsunagu needs in every guild, and why: post welcomes and intros (View, Send, Embed),
 * grant Alumni/Introduced roles (Manage Roles), build breakout rooms and move people into them
 * (Manage Channels, Move Members), track and create invites (Manage Server lists invites with
 * their uses; Create Invite makes cohort invites), schedule mixers (Create Events: "creating
 * scheduled events, and editing and deleting those created by the current user" — discord-api-docs
 * permissions table, bit 44 — which is all the bot does; Manage Events would also let it edit
 * everybody else's events, which it never needs).
 */
export const REQUIRED_PERMISSIONS = [
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
  'ManageRoles',
  'ManageChannels',
  'MoveMembers',
  'CreateInstantInvite',
  'ManageGuild',
  'CreateEvents',
] as const satisfies readonly PermissionsString[];

/** The required permissions a bitfield lacks (Administrator grants all of them). */
export function missingPermissions(
  granted: PermissionsBitField,
  required: readonly PermissionsString[] = REQUIRED_PERMISSIONS,
): PermissionsString[] {
  if (granted.has('Administrator')) return [];
  return required.filter((name) => !granted.has(name, false));
}

export interface RoleFacts {
  id: string;
  name: string;
  /** Higher positions sit higher in the role list. */
  position: number;
  managed: boolean;
}

/** Roles the bot cannot grant: at or above its highest role, or managed by an integration. */
export function ungrantableRoles(botHighestPosition: number, roles: readonly RoleFacts[]): RoleFacts[] {
  return roles.filter((role) => role.managed || role.position >= botHighestPosition);
}

/** Checks one guild: the bot's permissions and whether it can grant the configured roles. */
export async function checkGuild(guild: Guild, ctx: BotContext): Promise<HealthProblem[]> {
  // With the GuildMember partial, `members.me` may be an empty partial: fetch the real roles then.
  const cached = guild.members.me;
  const me = cached && !cached.partial ? cached : await guild.members.fetchMe();
  const problems: HealthProblem[] = missingPermissions(me.permissions).map((name) => ({
    kind: 'missing-permission',
    subject: name,
    detail: `the bot's roles lack ${name}`,
  }));
  const roleIds = await ctx.guilds.rolesToGrant(guild.id);
  const roles = roleIds.flatMap((id) => {
    const role = guild.roles.cache.get(id);
    return role ? [{ id, name: role.name, position: role.position, managed: role.managed }] : [];
  });
  for (const role of ungrantableRoles(me.roles.highest.position, roles)) {
    problems.push({
      kind: 'role-hierarchy',
      subject: role.id,
      detail: `role "${role.name}" is not below the bot's highest role "${me.roles.highest.name}"`,
    });
  }
  return problems;
}

/**
 * Checks a guild, logs the outcome plainly and records it for the dashboard. Never throws.
 * Problems are always a warning; a pass is one info line at start-up (`startUp`) and only a debug
 * line on the re-checks that /setup and role changes run, so the log says it once.
 */
export async function checkAndRecordGuild(
  guild: Guild,
  ctx: BotContext,
  options: { startUp?: boolean } = {},
): Promise<HealthProblem[] | undefined> {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  try {
    const problems = await checkGuild(guild, ctx);
    await ctx.services.health.recordGuildHealth(guild.id, problems, { botUserId: guild.client.user.id });
    if (problems.length === 0 && options.startUp) log.info(`start-up checks passed in "${guild.name}"`);
    else if (problems.length === 0) log.debug(`permissions re-checked in "${guild.name}": nothing missing`);
    else log.warn({ problems }, describeProblems(guild.name, problems));
    return problems;
  } catch (error) {
    log.error({ err: error }, `could not check the bot's permissions in "${guild.name}"`);
    return undefined;
  }
}

/** Checks every guild the bot is in (on ready). */
export async function checkAllGuilds(client: Client<true>, ctx: BotContext): Promise<void> {
  await Promise.all(client.guilds.cache.map((guild) => checkAndRecordGuild(guild, ctx, { startUp: true })));
}

/** One plain sentence for the log, saying what to fix and where. */
export function describeProblems(guildName: string, problems: readonly HealthProblem[]): string {
  const permissions = problems.filter((p) => p.kind === 'missing-permission').map((p) => p.subject);
  const roles = problems.filter((p) => p.kind === 'role-hierarchy').map((p) => p.detail ?? p.subject);
  const parts: string[] = [];
  if (permissions.length > 0) {
    parts.push(
      `missing permissions ${permissions.join(', ')} (grant them to the bot's role in Server Settings → Roles)`,
    );
  }
  if (roles.length > 0) {
    parts.push(
      `cannot grant roles: ${roles.join('; ')} (drag the bot's role above them in Server Settings → Roles)`,
    );
  }
  return `Tsunagu in "${guildName}": ${parts.join('; ')}`;
}
