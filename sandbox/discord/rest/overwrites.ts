/**
 * Permission overwrites the bot writes (channel create, channel edit, edit permissions), checked as
 * Discord documents it (guild "Create Guild Channel", channel "Modify Channel" and "Edit Channel
 * Permissions", change log 2021-01-22 "Change to Permission Checking when Creating Channels"):
 * only permissions the bot has in the guild (or the parent category) can be allowed or denied,
 * and Manage Roles itself only by an administrator or a bot holding a Manage Roles overwrite there.
 */
import { OverwriteType, PermissionFlagsBits, type APIOverwrite } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { Errors } from '../errors.js';
import { assertOverwriteRoom } from '../state/channel-limits.js';
import type { ChannelRecord } from '../state/types.js';

/** An overwrite as the body schemas parse it (bitfields as bigint, null/absent = 0). */
export interface OverwriteInput {
  id: string;
  type: 0 | 1;
  allow?: bigint | null;
  deny?: bigint | null;
}

/** Stored shape: bitfields as strings, as Discord sends them. */
export function toOverwrites(list: OverwriteInput[]): APIOverwrite[] {
  return list.map((o) => ({
    id: o.id,
    type: o.type,
    allow: (o.allow ?? 0n).toString(),
    deny: (o.deny ?? 0n).toString(),
  }));
}

/**
 * The id must name a role (type 0) or a member (type 1) of the guild: 404 Unknown Role / Unknown
 * Member; an id of the other kind answers 10009 Unknown Overwrite, as observed in 2016
 * (discord-api-docs#101). Discord documents no answer for this case.
 */
export function assertOverwriteTarget(emu: EmulatorContext, guildId: string, o: OverwriteInput): void {
  const isRole = emu.state.roles.list(guildId).some((r) => r.id === o.id);
  const isMember = emu.state.members.find(guildId, o.id) !== undefined;
  if (o.type === OverwriteType.Role ? isRole : isMember) return;
  if (isRole || isMember) throw Errors.unknownOverwrite();
  throw o.type === OverwriteType.Role ? Errors.unknownRole() : Errors.unknownMember();
}

/** Whether the bot itself holds an overwrite allowing Manage Roles in the channel. */
function botHasManageRolesOverwrite(emu: EmulatorContext, channel: ChannelRecord): boolean {
  const bot = emu.state.members.find(channel.guildId!, emu.botUser.id);
  const mine = new Set([emu.botUser.id, channel.guildId!, ...(bot?.roles ?? [])]);
  return channel.permissionOverwrites.some(
    (o) => mine.has(o.id) && (BigInt(o.allow) & PermissionFlagsBits.ManageRoles) !== 0n,
  );
}

/** Bits an edit changes: everything new, plus what changes or disappears on existing overwrites. */
function changedBits(next: APIOverwrite[], before: APIOverwrite[]): bigint {
  let bits = 0n;
  for (const o of next) {
    const old = before.find((b) => b.id === o.id);
    bits |= (BigInt(o.allow) ^ BigInt(old?.allow ?? 0)) | (BigInt(o.deny) ^ BigInt(old?.deny ?? 0));
  }
  for (const old of before)
    if (!next.some((o) => o.id === old.id)) bits |= BigInt(old.allow) | BigInt(old.deny);
  return bits;
}

/**
 * 50013 unless the bot may write these overwrites; 30060 when the channel would hold more than
 * Discord's 1000 (state/channel-limits.ts; a body's own cap of 100 is the body schema's). On creation only the bot's guild permissions
 * count (a permission held through the category does not: discord-api-docs#2524); an edit of
 * `channel` also counts the bot's permissions in its parent category (docs, "Modify Channel").
 */
export function assertMayGrant(
  emu: EmulatorContext,
  guildId: string,
  next: APIOverwrite[],
  channel?: ChannelRecord,
): void {
  assertOverwriteRoom(next);
  const base = emu.state.permissions.of(guildId, emu.botUser.id);
  if (base & PermissionFlagsBits.Administrator) return;
  if (channel && botHasManageRolesOverwrite(emu, channel)) return;
  const bits = changedBits(next, channel?.permissionOverwrites ?? []);
  const parent = channel?.parentId ? emu.state.channels.find(channel.parentId) : undefined;
  const own = base | (parent ? emu.state.permissions.inChannel(parent.id, emu.botUser.id) : 0n);
  if (bits & PermissionFlagsBits.ManageRoles || bits & ~own) throw Errors.missingPermissions();
}
