/**
 * Breakout rooms: one category per mixer with one voice channel per group, created once with
 * their permission overwrites in the create call, never renamed (Discord allows 2 renames per
 * 10 minutes), deleted at the end. Who may see and join them is the run's room access
 * (room-role.ts), decided and stored before the first room is made: each person's own overwrite
 * when everyone fits in one create body (Discord takes at most 100 overwrites in a create or
 * modify body: 50035 "Must be 100 or fewer in length."), else one temporary role per mixer, so
 * each room carries three overwrites whatever the number of people. A restart adopts what an
 * earlier worker created (the category's and the role's names carry the run id).
 */
import {
  ChannelType,
  OverwriteType,
  PermissionFlagsBits,
  type Guild,
  type OverwriteResolvable,
} from 'discord.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import {
  BASE_OVERWRITES,
  roomAccessFor,
  type RoomAccess,
} from '../../../../shared/deepen/mixer/transition-estimate.js';
import type { BotContext } from '../../../context.js';
import { discordCode } from '../../../core/discord-errors.js';
import { mixerIndexOf } from './channel-index.js';
import {
  addMemberOverwrites,
  bodyOverwriteCap,
  deleteRoomRole,
  ensureRoomRole,
  grantRoomRole,
  MEMBER_ALLOW,
  namesOf,
  RoleRefused,
  roomAccessOf,
  runCode,
} from './room-role.js';

const BOT_ALLOW = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.Connect,
  PermissionFlagsBits.MoveMembers,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
];

/** Hidden from @everyone, the bot's own: every room and category has these two. */
function baseOverwrites(guild: Guild): OverwriteResolvable[] {
  return [
    { id: guild.roles.everyone.id, deny: [PermissionFlagsBits.ViewChannel] },
    { id: guild.client.user.id, allow: BOT_ALLOW },
  ];
}

/**
 * The overwrites of every room in `role` access: hidden from @everyone, open to the mixer's role
 * (its people: organiser, facilitators, participants, late joiners), the bot's own. Three, at any size.
 */
export function roomOverwrites(guild: Guild, roleId: string): OverwriteResolvable[] {
  return [...baseOverwrites(guild), { id: roleId, allow: MEMBER_ALLOW }];
}

/** The overwrites of every room in `members` access: the base two, then one per person. */
export function memberOverwrites(guild: Guild, userIds: readonly string[]): OverwriteResolvable[] {
  return [
    ...baseOverwrites(guild),
    ...userIds.map((id) => ({ id, type: OverwriteType.Member, allow: MEMBER_ALLOW })),
  ];
}

/** Everyone the rooms open to. */
export function roomPeople(run: MixerRunView): string[] {
  return [...new Set([run.organiserId, ...run.facilitators, ...run.everyone])];
}

export function categoryName(run: MixerRunView): string {
  return `${translator(run.locale as Locale)('deepen.mixer.room.category')} ${runCode(run.runId)}`;
}

export function roomName(run: MixerRunView, index: number): string {
  return translator(run.locale as Locale)('deepen.mixer.room.name', { n: index + 1 });
}

/** Why rooms could not be made, as the organiser is told. */
export class RoomsRefused extends Error {
  constructor(
    readonly key:
      | 'deepen.mixer.error.channelCap'
      | 'deepen.mixer.error.missingManageChannels'
      | 'deepen.mixer.error.missingManageRoles'
      | 'deepen.mixer.error.roleCap',
  ) {
    super(key);
  }
}

/** The overwrites rooms and the category are created with, and what each room needs after. */
interface AccessPlan {
  category: OverwriteResolvable[];
  room: OverwriteResolvable[];
  /** Completes a room's access once it exists (created now or adopted after a restart). */
  complete(roomId: string): Promise<void>;
}

/**
 * `role`: the role made and held by everyone first. `members`: the create body names the people
 * the gateway shows in the guild, as many as the body takes (a member who left would make Discord
 * refuse the whole body); anyone else (evicted from the cache, or past the body's cap after late
 * joiners) gets their overwrite one request at a time, skipping who has left. The category only
 * groups the rooms: a channel's own overwrites decide who sees it (a category's are copied only
 * when a channel is synced with it), so in `members` access it carries the base two.
 */
async function accessPlan(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  access: RoomAccess,
): Promise<AccessPlan> {
  const people = roomPeople(run);
  if (access === 'role') {
    const roleId = await ensureRoomRole(guild, run);
    await grantRoomRole(guild, roleId, people);
    const list = roomOverwrites(guild, roleId);
    return { category: list, room: list, complete: async () => undefined };
  }
  const named = people
    .filter((id) => guild.members.cache.has(id))
    .slice(0, Math.max(0, bodyOverwriteCap(ctx) - BASE_OVERWRITES));
  return {
    category: baseOverwrites(guild),
    room: memberOverwrites(guild, named),
    complete: (roomId) => addMemberOverwrites(guild, roomId, people),
  };
}

/**
 * Decides the room access (stored before anything is made) and opens it, then makes sure the
 * category and `count` rooms exist, storing each id as soon as Discord returns it.
 * @throws RoomsRefused at Discord's channel caps (30013, 50035 parent full), without Manage
 *   Channels, or when the role cannot be made or granted (Manage Roles)
 */
export async function ensureRooms(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  count: number,
  owner?: string,
): Promise<MixerRunView> {
  const svc = ctx.services.mixer.runs;
  const index = mixerIndexOf(ctx);
  try {
    let current = run;
    let access = roomAccessOf(current);
    if (!access) {
      // Stored first: a worker restarted after this knows whether a role may exist to delete.
      access = roomAccessFor(roomPeople(current).length, bodyOverwriteCap(ctx));
      current = await svc.saveStep(run.runId, { roomAccess: access }, owner);
    }
    const plan = await accessPlan(ctx, guild, current, access);
    const channels = await guild.channels.fetch();
    let categoryId = current.categoryId && channels.has(current.categoryId) ? current.categoryId : null;
    if (!categoryId) {
      const name = categoryName(current);
      const names = namesOf(current, 'deepen.mixer.room.category');
      const adopted = channels.find((c) => c?.type === ChannelType.GuildCategory && names.includes(c.name));
      const category =
        adopted ??
        (await guild.channels.create({
          name,
          type: ChannelType.GuildCategory,
          permissionOverwrites: plan.category,
        }));
      categoryId = category.id;
      current = await svc.saveStep(run.runId, { categoryId }, owner);
      index.track(current);
    }
    const rooms = [...current.rooms];
    for (let i = 0; i < count; i++) {
      if (rooms[i] && channels.has(rooms[i]!)) {
        await plan.complete(rooms[i]!);
        continue;
      }
      const name = roomName(current, i);
      const adopted = channels.find(
        (c) => c?.type === ChannelType.GuildVoice && c.parentId === categoryId && c.name === name,
      );
      const room =
        adopted ??
        (await guild.channels.create({
          name,
          type: ChannelType.GuildVoice,
          parent: categoryId,
          permissionOverwrites: plan.room,
        }));
      rooms[i] = room.id;
      current = await svc.saveStep(run.runId, { rooms }, owner);
      index.track(current);
      await plan.complete(room.id);
    }
    return current;
  } catch (error) {
    if (error instanceof RoleRefused)
      throw new RoomsRefused(
        error.full ? 'deepen.mixer.error.roleCap' : 'deepen.mixer.error.missingManageRoles',
      );
    const code = discordCode(error);
    // 30013: the guild's 500; 50035 is a form error, a cap only when its reason is the category's 50.
    if (code === 30013 || (code === 50035 && JSON.stringify(error).includes('CHANNEL_PARENT_MAX_CHANNELS')))
      throw new RoomsRefused('deepen.mixer.error.channelCap');
    if (code === 50013 || code === 50001) throw new RoomsRefused('deepen.mixer.error.missingManageChannels');
    throw error;
  }
}

/**
 * Deletes the rooms, the category and the mixer's role (already gone counts as done); Discord
 * disconnects anyone left inside, so the driver empties them first. Any other failure throws (the
 * run is not marked finished and the step is tried again). Every ending goes through here: the
 * last round, an end request, a mixer abandoned at setup, a restart past the end.
 */
export async function deleteRooms(guild: Guild, run: MixerRunView): Promise<void> {
  const channels = await guild.channels.fetch();
  // A crash between Discord's create and our save leaves the category's id unstored: found by name.
  const names = namesOf(run, 'deepen.mixer.room.category');
  const categoryId =
    run.categoryId ??
    channels.find((c) => c?.type === ChannelType.GuildCategory && names.includes(c.name))?.id ??
    null;
  const ids = [...run.rooms, ...(categoryId ? [categoryId] : [])];
  // Channels adopted by name but never stored (a crash between create and save) go too.
  for (const c of channels.values())
    if (c && categoryId && c.parentId === categoryId && !ids.includes(c.id)) ids.unshift(c.id);
  for (const id of ids) {
    await guild.channels.delete(id).catch((error: unknown) => {
      if (discordCode(error) !== 10003) throw error;
    });
  }
  // Deleting the role takes it from everyone at once (one request, not one per member). Rooms
  // opened to members by name had none; a run stopped before it chose (null) looks by name.
  if (roomAccessOf(run) !== 'members') await deleteRoomRole(guild, run);
}
