/**
 * Invites: list per guild/channel, create, get by code, delete. Creation follows "Create Channel
 * Invite" in discord-api-docs (`developers/resources/channel.mdx`): Create Instant Invite on the
 * channel, max_age 0–604800 (default 86400), max_uses 0–100 (default 0), at most 1000 invites
 * per guild (30016), target_user_id / target_application_id required by target_type 1 / 2.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { z } from 'zod';
import { Errors, formError } from '../errors.js';
import type { Router } from '../router.js';
import { inviteCreateSchema, parseBody } from '../validation.js';
import { channelForBot, guildForBot, requireChannelPermission, requireGuildPermission } from './access.js';

type InviteInput = z.output<typeof inviteCreateSchema>;

/**
 * The documented requirements of a target invite; then 501, because the emulator models neither
 * streams (type 1: "the user must be streaming in the channel") nor embedded applications (type 2).
 */
function checkTarget(input: InviteInput, files: number): void {
  if (files > 0) throw Errors.unsupported('invites with target_users_file');
  if (input.role_ids?.length) throw Errors.unsupported('invites with role_ids');
  if (input.target_type == null) return;
  if (input.target_type === 1 && !input.target_user_id)
    throw formError(['target_user_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  if (input.target_type === 2 && !input.target_application_id)
    throw formError(['target_application_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  throw Errors.unsupported('stream/activity invites (target_type)');
}

export function registerInviteRoutes(router: Router): void {
  router.route('GET', '/guilds/:guildId/invites', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageGuild);
    return { body: emu.state.invites.list(guild.id).map((i) => emu.state.invites.toApi(i)) };
  });

  router.route('GET', '/channels/:channelId/invites', ({ emu, params }) => {
    const channel = channelForBot(emu, params.channelId!);
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageChannels);
    return { body: emu.state.invites.listForChannel(channel.id).map((i) => emu.state.invites.toApi(i)) };
  });

  router.route('POST', '/channels/:channelId/invites', ({ emu, params, body, files }) => {
    const channel = channelForBot(emu, params.channelId!);
    if (!channel.guildId) throw Errors.missingAccess();
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.CreateInstantInvite);
    const input = parseBody(inviteCreateSchema, body);
    checkTarget(input, files.length);
    const reusable =
      !input.unique &&
      emu.state.invites
        .listForChannel(channel.id)
        .find(
          (i) =>
            i.inviterId === emu.botUser.id &&
            i.maxAge === (input.max_age ?? 86400) &&
            i.maxUses === (input.max_uses ?? 0) &&
            i.temporary === (input.temporary ?? false),
        );
    // Like Discord, an identical non-unique invite by the same inviter is returned instead of a
    // new one (and so does not count against the 1000); a new one past the limit is 30016.
    const invite =
      reusable ||
      emu.state.invites.create(channel.id, {
        inviterId: emu.botUser.id,
        maxAge: input.max_age ?? 86400,
        maxUses: input.max_uses ?? 0,
        temporary: input.temporary ?? false,
      });
    return { body: emu.state.invites.toApi(invite) };
  });

  router.route('GET', '/invites/:code', ({ emu, params, query }) => {
    const invite = emu.state.invites.get(params.code!);
    const counts =
      query.get('with_counts') === 'true'
        ? {
            approximate_member_count: emu.state.guilds.get(invite.guildId).members.size,
            approximate_presence_count: 0,
          }
        : {};
    return { body: { ...emu.state.invites.toApi(invite, false), ...counts } };
  });

  router.route('DELETE', '/invites/:code', ({ emu, params }) => {
    const invite = emu.state.invites.get(params.code!);
    guildForBot(emu, invite.guildId);
    const allowed =
      emu.state.permissions.hasIn(invite.channelId, emu.botUser.id, PermissionFlagsBits.ManageChannels) ||
      emu.state.permissions.has(invite.guildId, emu.botUser.id, PermissionFlagsBits.ManageGuild);
    if (!allowed) throw Errors.missingPermissions();
    const api = emu.state.invites.toApi(invite, false);
    emu.state.invites.delete(invite.code);
    return { body: api };
  });
}
