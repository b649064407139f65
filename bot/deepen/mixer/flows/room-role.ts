/**
 * Who may enter a mixer's rooms (the run's stored `roomAccess`, transition-estimate.ts):
 * - `members`: each person (organiser, facilitators, participants) has their own overwrite on
 *   every room, written in the create call, so setup makes no request per person. A late joiner
 *   gets theirs added to every room (PUT /channels/{c}/permissions/{user}: one request per room,
 *   each room its own per-channel bucket), since later rounds may seat them in any room. Discord
 *   holds at most 1000 overwrites on a channel (30060): past that a joiner is refused, told why.
 * - `role`: more people than one create body takes (100 overwrites). Everyone holds a temporary
 *   role and each room opens to it with one overwrite. Grants are one request per person
 *   (PUT /guilds/{g}/members/{u}/roles/{r}, a bucket of its own, apart from the member moves);
 *   deleting the role at the end takes it from everyone in one request. The role carries no
 *   permissions of its own and its name carries the run id, so a restarted worker finds it.
 */
import { createHash } from 'node:crypto';
import { OverwriteType, PermissionFlagsBits, PermissionsBitField, Routes, type Guild } from 'discord.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import {
  MAX_BODY_OVERWRITES,
  ROOM_ACCESS,
  type RoomAccess,
} from '../../../../shared/deepen/mixer/transition-estimate.js';
import type { BotContext } from '../../../context.js';
import { discordCode, isMissingPermission, isUnknownMember } from '../../../core/discord-errors.js';

declare module '../../../context.js' {
  interface BotServices {
    /**
     * Options of the mixer's rooms. `bodyOverwriteCap`: the overwrites a create body takes
     * (default Discord's 100); tests lower it to reach the role path without 100 emulated people.
     */
    mixerRooms?: { bodyOverwriteCap?: number };
  }
}

/** 30005: the guild already has 250 roles (discord-api-docs, JSON error codes). */
const MAX_ROLES_REACHED = 30005;
/** Discord's cap of overwrites on one channel (discord-api-docs, JSON error codes: 30060, 1000). */
export const MAX_CHANNEL_OVERWRITES = 1000;
const MAX_OVERWRITES_REACHED = 30060;
const UNKNOWN_CHANNEL = 10003;

/** What the people of a mixer may do in its rooms (their own overwrite, or the role's). */
export const MEMBER_ALLOW = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.Connect,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.ReadMessageHistory,
];

/** The create body's overwrite cap this bot plans with. */
export function bodyOverwriteCap(ctx: BotContext): number {
  return ctx.services.mixerRooms?.bodyOverwriteCap ?? MAX_BODY_OVERWRITES;
}

/**
 * The run's stored room access; null until setup decided it (no room made yet). A run stored
 * before the access was recorded, with rooms made, opened them to its role (all runs did then).
 */
export function roomAccessOf(run: MixerRunView): RoomAccess | null {
  // Read from the stored document (the view carries every stored field).
  const stored = (run as MixerRunView & { roomAccess?: unknown }).roomAccess;
  const found = ROOM_ACCESS.find((access) => access === stored) ?? null;
  return found === null && run.rooms.length > 0 ? 'role' : found;
}

/** The bot may not make or grant the role (Manage Roles, or the role hierarchy), or the guild is full of roles. */
export class RoleRefused extends Error {
  constructor(readonly full: boolean) {
    super(full ? 'guild role cap reached' : 'mixer role refused');
  }
}

/**
 * The code in a run's category and role names, so a restarted worker finds what it made before
 * its save: 8 hex digits of a hash of the whole run id. People see it in Discord, so not the
 * 36-character id; a hash, not a prefix, so two ids sharing a prefix do not share a code (two
 * runs of one guild collide with odds of 1 in 4 billion, and the cleanup would then take the
 * other's category).
 */
export function runCode(runId: string): string {
  return createHash('sha256').update(runId).digest('hex').slice(0, 8);
}

/** A room already holds Discord's 1000 overwrites: nobody more can be let in by name. */
export class RoomsFull extends Error {
  constructor() {
    super('mixer rooms hold the most overwrites Discord allows');
  }
}

export function roleName(run: Pick<MixerRunView, 'runId' | 'locale'>): string {
  return `${translator(run.locale as Locale)('deepen.mixer.room.role')} ${runCode(run.runId)}`;
}

/**
 * The names a run's role or category may carry: the current one, then the one runs stored before
 * the short code used (`… ${runId}`), so a run in flight at the upgrade is still found.
 */
export function namesOf(
  run: Pick<MixerRunView, 'runId' | 'locale'>,
  key: 'deepen.mixer.room.role' | 'deepen.mixer.room.category',
): string[] {
  const label = translator(run.locale as Locale)(key);
  return [`${label} ${runCode(run.runId)}`, `${label} ${run.runId}`];
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
  const names = namesOf(run, 'deepen.mixer.room.role');
  const found = guild.roles.cache.find((r) => names.includes(r.name));
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
  const names = namesOf(run, 'deepen.mixer.room.role');
  const roles = await guild.roles.fetch();
  for (const role of roles.values()) {
    if (!names.includes(role.name)) continue;
    await guild.roles.delete(role.id, 'Tsunagu mixer ended').catch((error: unknown) => {
      if (discordCode(error) !== 10011) throw error;
    });
  }
}

/** Ids holding an overwrite on the channel, as the gateway last showed it (empty when uncached). */
function overwriteIds(guild: Guild, channelId: string): Set<string> {
  const channel = guild.channels.cache.get(channelId);
  return new Set(
    channel && 'permissionOverwrites' in channel ? channel.permissionOverwrites.cache.keys() : [],
  );
}

/**
 * Gives each of `userIds` who lacks one their overwrite on the channel, one request each (the
 * route's bucket is per channel; discord.js paces it). Someone who left the guild is skipped.
 * @throws RoomsFull when the channel would pass Discord's 1000 (checked first, so no request is
 *   spent on a refusal; 30060 if the cache was behind)
 */
export async function addMemberOverwrites(
  guild: Guild,
  channelId: string,
  userIds: readonly string[],
): Promise<void> {
  const held = overwriteIds(guild, channelId);
  const missing = userIds.filter((id) => !held.has(id));
  if (missing.length === 0) return;
  if (held.size + missing.length > MAX_CHANNEL_OVERWRITES) throw new RoomsFull();
  const allow = new PermissionsBitField(MEMBER_ALLOW).bitfield.toString();
  const outcomes = await Promise.allSettled(
    missing.map((userId) =>
      guild.client.rest.put(Routes.channelPermission(channelId, userId), {
        body: { type: OverwriteType.Member, allow, deny: '0' },
        reason: 'Tsunagu mixer participant',
      }),
    ),
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled' || isUnknownMember(outcome.reason)) continue;
    if (discordCode(outcome.reason) === MAX_OVERWRITES_REACHED) throw new RoomsFull();
    // A member overwrite is written with Manage Roles (discord-api-docs, channel "Edit Channel
    // Permissions"), not Manage Channels: the organiser is told that one.
    if (isMissingPermission(outcome.reason)) throw new RoleRefused(false);
    throw outcome.reason;
  }
}

/**
 * Lets a late joiner into the rooms, before they are seated. `role`: the mixer's role (made at
 * setup, found by its name). `members`: their overwrite on every room (a later round may seat
 * them in any). Best effort when Discord refuses the bot (the move needs only Move Members, so
 * they still reach their room, without its text chat). Before setup made the rooms nothing is
 * needed: setup opens them to everyone seated by then.
 * @returns 'full' when a room already holds Discord's 1000 overwrites (the joiner is not seated)
 */
export async function openRoomsTo(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  userId: string,
): Promise<'open' | 'full'> {
  const access = roomAccessOf(run);
  if (access === null || run.rooms.length === 0) return 'open';
  // Moved all the same, but unable to reconnect after a drop or use the room's chat: logged, so
  // the organiser's question "why can X not see the room" has an answer.
  const refused = (error: unknown) =>
    ctx.logger.warn(
      { runId: run.runId, userId, access, code: discordCode(error) ?? null },
      'mixer late joiner not let into the rooms: Discord refused the bot',
    );
  if (access === 'role') {
    try {
      await grantRoomRole(guild, await ensureRoomRole(guild, run), [userId]);
    } catch (error) {
      if (!(error instanceof RoleRefused)) throw error;
      refused(error);
    }
    return 'open';
  }
  // Every room is checked before any request: a refusal spends none.
  const full = (channelId: string) => {
    const held = overwriteIds(guild, channelId);
    return !held.has(userId) && held.size >= MAX_CHANNEL_OVERWRITES;
  };
  if (run.rooms.some(full)) return 'full';
  const outcomes = await Promise.allSettled(
    run.rooms.map((channelId) => addMemberOverwrites(guild, channelId, [userId])),
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') continue;
    if (outcome.reason instanceof RoomsFull) return 'full';
    // A room deleted meanwhile (the mixer is ending) or an overwrite the bot may not write.
    if (discordCode(outcome.reason) === UNKNOWN_CHANNEL) continue;
    if (outcome.reason instanceof RoleRefused || isMissingPermission(outcome.reason)) {
      refused(outcome.reason);
      continue;
    }
    throw outcome.reason;
  }
  return 'open';
}

/**
 * Tells a joiner the rooms cannot take them, at most once per step (the run's `moves.notified`,
 * stored before the DM): the driver's reconcile finds them again on every drive.
 */
export async function tellRoomsFullOnce(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  userId: string,
): Promise<void> {
  if (run.moves.notified.includes(userId)) return;
  const svc = ctx.services.mixer;
  if (!(await svc.runs.markNotified(run.runId, userId, svc.workerId, ctx.services.clock.now()))) return;
  await tellRoomsFull(guild, run, userId);
}

/** Tells a joiner the rooms cannot take them (DM, else a mention in the lobby's text chat). */
export async function tellRoomsFull(guild: Guild, run: MixerRunView, userId: string): Promise<void> {
  const text = translator(run.locale as Locale)('deepen.mixer.room.full', {
    max: MAX_CHANNEL_OVERWRITES,
    lobby: `<#${run.lobbyChannelId}>`,
  });
  try {
    const user = await guild.client.users.fetch(userId);
    await user.send({ content: text });
  } catch {
    const lobby = guild.channels.cache.get(run.lobbyChannelId);
    if (lobby?.isSendable())
      await lobby
        .send({ content: `<@${userId}> ${text}`, allowedMentions: { users: [userId] } })
        .catch(() => undefined);
  }
}
