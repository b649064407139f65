/**
 * Breakout rooms: one category per mixer with one voice channel per group, created once with
 * their permission overwrites in the create call (participants and facilitators may connect,
 * others do not see them), never renamed (Discord allows 2 renames per 10 minutes), deleted at
 * the end. A restart adopts what an earlier worker created (the category's name carries the run id).
 */
import { ChannelType, PermissionFlagsBits, type Guild, type OverwriteResolvable } from 'discord.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import type { BotContext } from '../../../context.js';
import { discordCode } from '../../../core/discord-errors.js';

/** Discord takes at most 100 overwrites per channel (50035 "Must be 100 or fewer in length"). */
const MAX_OVERWRITES = 100;

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

/** People a room can name in its overwrites besides @everyone and the bot. */
export const MAX_ROOM_PEOPLE = MAX_OVERWRITES - 2;

/**
 * The overwrites of every room: hidden from @everyone, open to the people of the mixer. Never
 * public: plans above MAX_ROOM_PEOPLE are refused (start.ts); late joiners past the cap are
 * still moved in (Move Members does not need their own Connect) but are not named.
 */
export function roomOverwrites(guild: Guild, run: MixerRunView): OverwriteResolvable[] {
  const people = [...new Set([run.organiserId, ...run.facilitators, ...run.everyone])];
  return [
    { id: guild.roles.everyone.id, deny: [PermissionFlagsBits.ViewChannel] },
    { id: guild.client.user.id, allow: BOT_ALLOW },
    ...people.slice(0, MAX_ROOM_PEOPLE).map((id) => ({ id, allow: MEMBER_ALLOW })),
  ];
}

export function categoryName(run: MixerRunView): string {
  return `${translator(run.locale as Locale)('deepen.mixer.room.category')} ${runCode(run.runId)}`;
}

export function roomName(run: MixerRunView, index: number): string {
  return translator(run.locale as Locale)('deepen.mixer.room.name', { n: index + 1 });
}

/** Why rooms could not be made, as the organiser is told. */
export class RoomsRefused extends Error {
  constructor(readonly key: 'deepen.mixer.error.channelCap' | 'deepen.mixer.error.missingManageChannels') {
    super(key);
  }
}

/**
 * Makes sure the category and `count` rooms exist, storing each id as soon as Discord returns it.
 * @throws RoomsRefused at Discord's channel caps (30013, 50035 parent full) or without Manage Channels
 */
export async function ensureRooms(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  count: number,
  owner?: string,
): Promise<MixerRunView> {
  const svc = ctx.services.mixer.runs;
  try {
    let current = run;
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
          permissionOverwrites: roomOverwrites(guild, current),
        }));
      categoryId = category.id;
      current = await svc.saveStep(run.runId, { categoryId }, owner);
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
          permissionOverwrites: roomOverwrites(guild, current),
        }));
      rooms[i] = room.id;
      current = await svc.saveStep(run.runId, { rooms }, owner);
    }
    return current;
  } catch (error) {
    const code = discordCode(error);
    // 30013: the guild's 500; 50035 is a form error, a cap only when its reason is the category's 50.
    if (code === 30013 || (code === 50035 && JSON.stringify(error).includes('CHANNEL_PARENT_MAX_CHANNELS')))
      throw new RoomsRefused('deepen.mixer.error.channelCap');
    if (code === 50013 || code === 50001) throw new RoomsRefused('deepen.mixer.error.missingManageChannels');
    throw error;
  }
}

/** Lets a late joiner into every room (best effort: the move itself needs only the bot's Move Members). */
export async function openRoomsTo(guild: Guild, run: MixerRunView, userId: string): Promise<void> {
  for (const id of run.rooms) {
    const channel = guild.channels.cache.get(id);
    if (channel && 'permissionOverwrites' in channel)
      await channel.permissionOverwrites
        .edit(userId, { ViewChannel: true, Connect: true })
        .catch(() => undefined);
  }
}

/**
 * Deletes the rooms and the category (already gone counts as done); Discord disconnects anyone
 * left inside, so the driver empties them first. Any other failure throws (the run is not marked
 * finished and the step is tried again).
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
}
