/** Channels: get, patch, delete, permission overwrites, typing. */
import { OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { Errors } from '../errors.js';
import type { Router } from '../router.js';
import { channelPatchSchema, parseBody } from '../validation.js';
import { channelForBot, requireChannelPermission } from './access.js';

const overwriteSchema = z.object({
  type: z.union([z.literal(0), z.literal(1)]),
  allow: z.union([z.string().regex(/^\d+$/), z.number().int()]).nullish(),
  deny: z.union([z.string().regex(/^\d+$/), z.number().int()]).nullish(),
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
    if (patch.permission_overwrites)
      requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageRoles);
    if (patch.parent_id) {
      const parent = emu.state.channels.get(patch.parent_id);
      if (parent.guildId !== channel.guildId) throw Errors.unknownChannel();
    }
    const updated = emu.state.channels.update(channel.id, {
      ...(patch.name != null ? { name: patch.name } : {}),
      ...(patch.topic !== undefined ? { topic: patch.topic } : {}),
      ...(patch.parent_id !== undefined ? { parentId: patch.parent_id } : {}),
      ...(patch.position != null ? { position: patch.position } : {}),
      ...(patch.nsfw != null ? { nsfw: patch.nsfw } : {}),
      ...(patch.bitrate != null ? { bitrate: patch.bitrate } : {}),
      ...(patch.user_limit != null ? { userLimit: patch.user_limit } : {}),
      ...(patch.rate_limit_per_user != null ? { rateLimitPerUser: patch.rate_limit_per_user } : {}),
      ...(patch.permission_overwrites
        ? {
            permissionOverwrites: patch.permission_overwrites.map((o) => ({
              id: o.id,
              type: o.type,
              allow: (o.allow ?? 0n).toString(),
              deny: (o.deny ?? 0n).toString(),
            })),
          }
        : {}),
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
    const id = params.overwriteId!;
    if (input.type === OverwriteType.Role) emu.state.roles.get(channel.guildId, id);
    else emu.state.members.get(channel.guildId, id);
    const rest = channel.permissionOverwrites.filter((o) => o.id !== id);
    emu.state.channels.update(channel.id, {
      permissionOverwrites: [
        ...rest,
        { id, type: input.type, allow: String(input.allow ?? 0), deny: String(input.deny ?? 0) },
      ],
    });
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
