/**
 * Channels: get, patch, delete, permission overwrites, typing. Overwrites are checked as Discord
 * documents (overwrites.ts); deleting disconnects a voice channel's members (state/channels.ts).
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { Errors } from '../errors.js';
import type { Router } from '../router.js';
import { channelPatchSchema, parseBody } from '../validation.js';
import { channelForBot, requireChannelPermission } from './access.js';
import { assertMayGrant, assertOverwriteTarget, toOverwrites } from './overwrites.js';

const bitfield = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((v) => BigInt(v));
const overwriteSchema = z.object({
  type: z.union([z.literal(0), z.literal(1)]),
  allow: bitfield.nullish(),
  deny: bitfield.nullish(),
});

export function registerChannelRoutes(router: Router): void {
  router.route('GET', '/channels/:channelId', ({ emu, params }) => ({
    body: emu.state.channels.toApi(channelForBot(emu, params.channelId!)),
  }));

  router.route('PATCH', '/channels/:channelId', ({ emu, params, body }) => {
    const channel = channelForBot(emu, params.channelId!);
    if (!channel.guildId) throw Errors.unsupported('editing DM channels');
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageChannels);
    const patch = parseBody(channelPatchSchema, body);
    const overwrites = patch.permission_overwrites ? toOverwrites(patch.permission_overwrites) : undefined;
    if (overwrites) {
      requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageRoles);
      for (const o of patch.permission_overwrites!) assertOverwriteTarget(emu, channel.guildId, o);
      assertMayGrant(emu, channel.guildId, overwrites, channel);
    }
    // A new parent is checked by the store: a category of the guild with fewer than 50 channels.
    const updated = emu.state.channels.update(channel.id, {
      ...(patch.name != null ? { name: patch.name } : {}),
      ...(patch.topic !== undefined ? { topic: patch.topic } : {}),
      ...(patch.parent_id !== undefined ? { parentId: patch.parent_id } : {}),
      ...(patch.position != null ? { position: patch.position } : {}),
      ...(patch.nsfw != null ? { nsfw: patch.nsfw } : {}),
      ...(patch.bitrate != null ? { bitrate: patch.bitrate } : {}),
      ...(patch.user_limit != null ? { userLimit: patch.user_limit } : {}),
      ...(patch.rate_limit_per_user != null ? { rateLimitPerUser: patch.rate_limit_per_user } : {}),
      ...(overwrites ? { permissionOverwrites: overwrites } : {}),
    });
    return { body: emu.state.channels.toApi(updated) };
  });

  router.route('DELETE', '/channels/:channelId', ({ emu, params }) => {
    const channel = channelForBot(emu, params.channelId!);
    if (!channel.guildId) throw Errors.unsupported('closing DM channels');
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageChannels);
    return { body: emu.state.channels.toApi(emu.state.channels.delete(channel.id)) };
  });

  router.route('PUT', '/channels/:channelId/permissions/:overwriteId', ({ emu, params, body }) => {
    const channel = channelForBot(emu, params.channelId!);
    if (!channel.guildId) throw Errors.missingAccess();
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageRoles);
    const input = parseBody(overwriteSchema, body);
    const overwrite = { id: params.overwriteId!, ...input };
    assertOverwriteTarget(emu, channel.guildId, overwrite);
    const next = [
      ...channel.permissionOverwrites.filter((o) => o.id !== overwrite.id),
      ...toOverwrites([overwrite]),
    ];
    assertMayGrant(emu, channel.guildId, next, channel);
    emu.state.channels.update(channel.id, { permissionOverwrites: next });
  });

  router.route('DELETE', '/channels/:channelId/permissions/:overwriteId', ({ emu, params }) => {
    const channel = channelForBot(emu, params.channelId!);
    if (!channel.guildId) throw Errors.missingAccess();
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageRoles);
    const rest = channel.permissionOverwrites.filter((o) => o.id !== params.overwriteId);
    if (rest.length === channel.permissionOverwrites.length) throw Errors.unknownOverwrite();
    emu.state.channels.update(channel.id, { permissionOverwrites: rest });
  });

  router.route('POST', '/channels/:channelId/typing', ({ emu, params }) => {
    channelForBot(emu, params.channelId!);
    requireChannelPermission(emu, params.channelId!, PermissionFlagsBits.SendMessages);
  });
}
