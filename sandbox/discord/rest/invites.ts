/** Invites: list per guild/channel, create, get by code, delete. */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import type { Router } from '../router.js';
import { inviteCreateSchema, parseBody } from '../validation.js';
import { channelForBot, guildForBot, requireChannelPermission, requireGuildPermission } from './access.js';

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

  router.route('POST', '/channels/:channelId/invites', ({ emu, params, body }) => {
    const channel = channelForBot(emu, params.channelId!);
    if (!channel.guildId) throw Errors.missingAccess();
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.CreateInstantInvite);
    const input = parseBody(inviteCreateSchema, body);
    if (input.target_type != null) throw Errors.unsupported('stream/activity invites (target_type)');
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
    // Like Discord, an identical non-unique invite by the same inviter is returned instead of a new one.
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
