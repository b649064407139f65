/**
 * Breakout rooms: one category per mixer with one voice channel per group, created once with
 * their permission overwrites in the create call, never renamed (Discord allows 2 renames per
 * 10 minutes), deleted at the end. Who may see and join them is one temporary role per mixer
 * (room-role.ts), so each room carries three overwrites whatever the number of people: Discord
 * takes at most 100 overwrites in a create or modify body (50035 "Must be 100 or fewer in
 * length."), and naming every late joiner would cost one request per person per room. A restart
 * adopts what an earlier worker created (the category's and the role's names carry the run id).
 */
import { ChannelType, PermissionFlagsBits, type Guild, type OverwriteResolvable } from 'discord.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import type { BotContext } from '../../../context.js';
import { discordCode } from '../../../core/discord-errors.js';
import { mixerIndexOf } from './channel-index.js';
import { deleteRoomRole, ensureRoomRole, grantRoomRole, RoleRefused } from './room-role.js';

const MEMBER_ALLOW = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.Connect,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.ReadMessageHistory,
];
const BOT_ALLOW = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.Connect,
  PermissionFlagsBits.MoveMembers,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
];

/**
 * The code in a run's category name, so a restarted worker finds its channels: the whole run id
 * (a short prefix could match another mixer's category, which the cleanup would then delete).
 */
export function runCode(runId: string): string {
  return runId;
}

/**
 * The overwrites of every room: hidden from @everyone, open to the mixer's role (its people:
 * organiser, facilitators, participants, late joiners), the bot's own. Three, at any size.
 */
export function roomOverwrites(guild: Guild, roleId: string): OverwriteResolvable[] {
  return [
    { id: guild.roles.everyone.id, deny: [PermissionFlagsBits.ViewChannel] },
    { id: guild.client.user.id, allow: BOT_ALLOW },
    { id: roleId, allow: MEMBER_ALLOW },
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

/**
 * Makes sure the mixer's role is held by everyone in it, then that the category and `count` rooms
 * exist (open to that role), storing each id as soon as Discord returns it.
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
    const roleId = await ensureRoomRole(guild, current);
    await grantRoomRole(guild, roleId, roomPeople(current));
    const channels = await guild.channels.fetch();
    let categoryId = current.categoryId && channels.has(current.categoryId) ? current.categoryId : null;
    if (!categoryId) {
      const name = categoryName(current);
      const adopted = channels.find((c) => c?.type === ChannelType.GuildCategory && c.name === name);
      const category =
        adopted ??
        (await guild.channels.create({
          name,
          type: ChannelType.GuildCategory,
          permissionOverwrites: roomOverwrites(guild, roleId),
        }));
      categoryId = category.id;
      current = await svc.saveStep(run.runId, { categoryId }, owner);
      index.track(current);
    }
    const rooms = [...current.rooms];
    for (let i = 0; i < count; i++) {
      if (rooms[i] && channels.has(rooms[i]!)) continue;
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
          permissionOverwrites: roomOverwrites(guild, roleId),
        }));
      rooms[i] = room.id;
      current = await svc.saveStep(run.runId, { rooms }, owner);
      index.track(current);
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
 * Lets a late joiner into every room: the mixer's role, made at setup (found by its name). Best
 * effort: the move itself needs only the bot's Move Members, so a refused grant leaves them in
 * their room without its text chat rather than out of the mixer.
 */
export async function openRoomsTo(guild: Guild, run: MixerRunView, userId: string): Promise<void> {
  try {
    await grantRoomRole(guild, await ensureRoomRole(guild, run), [userId]);
  } catch (error) {
    if (!(error instanceof RoleRefused)) throw error;
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
  const name = categoryName(run);
  const categoryId =
    run.categoryId ??
    channels.find((c) => c?.type === ChannelType.GuildCategory && c.name === name)?.id ??
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
  // Deleting the role takes it from everyone at once (one request, not one per member).
  await deleteRoomRole(guild, run);
}
