/**
 * Members: list (needs the GuildMembers intent enabled), search, get, patch (nick, roles, mute,
 * deaf, voice moves, timeouts), role grants/removals with hierarchy, kicks.
 */
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { Errors, formError } from '../errors.js';
import type { Router, RouteRequest } from '../router.js';
import { memberPatchSchema, parseBody } from '../validation.js';
import {
  guildForBot,
  intQuery,
  requireGuildPermission,
  requireMemberBelowBot,
  requireRoleBelowBot,
} from './access.js';
import type { EmulatorContext } from '../context.js';

/** Role changes need Manage Roles and every added or removed role below the bot's highest. */
function checkRoleChange(emu: EmulatorContext, guildId: string, before: string[], after: string[]): void {
  const changed = [...after.filter((r) => !before.includes(r)), ...before.filter((r) => !after.includes(r))];
  if (changed.length === 0) return;
  requireGuildPermission(emu, guildId, PermissionFlagsBits.ManageRoles);
  for (const roleId of changed) requireRoleBelowBot(emu, guildId, roleId);
}

/**
 * A move (`channel_id`) or disconnect (`null`): the target must be connected (400 40032); the bot
 * needs Move Members where the member is (assumed: Discord documents "the MOVE_MEMBERS
 * permission" without naming the channel) and, for a move, View Channel + Connect + Move Members
 * in the target ("the API user must have permissions to both connect to the channel and have the
 * MOVE_MEMBERS permission", docs guild "Modify Guild Member"), overwrites applied. The member's
 * own permissions and the target's `user_limit` are not checked: Move Members bypasses the limit.
 */
function checkVoiceMove(emu: EmulatorContext, guildId: string, userId: string, target: string | null) {
  const current = emu.state.voice.find(guildId, userId);
  if (!current) throw Errors.targetNotInVoice();
  if (!emu.state.permissions.hasIn(current.channelId, emu.botUser.id, PermissionFlagsBits.MoveMembers))
    throw Errors.missingPermissions();
  if (target === null) return;
  const channel = emu.state.channels.get(target);
  if (
    channel.guildId !== guildId ||
    (channel.type !== ChannelType.GuildVoice && channel.type !== ChannelType.GuildStageVoice)
  ) {
    throw formError(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Channel is not a voice channel');
  }
  const needed =
    PermissionFlagsBits.ViewChannel | PermissionFlagsBits.Connect | PermissionFlagsBits.MoveMembers;
  if (!emu.state.permissions.hasIn(channel.id, emu.botUser.id, needed)) throw Errors.missingPermissions();
}

export function registerMemberRoutes(router: Router): void {
  router.route('GET', '/guilds/:guildId/members', (req) => {
    const { emu, params, query } = req;
    const guild = guildForBot(emu, params.guildId!);
    // Listing members is gated on the privileged intent being enabled for the application.
    if (!emu.application.intents.guildMembers) throw Errors.missingAccess();
    const limit = intQuery(req, 'limit', 1, 1, 1000);
    const after = BigInt(query.get('after') ?? '0');
    const members = emu.state.members.list(guild.id).filter((m) => BigInt(m.userId) > after);
    return { body: members.slice(0, limit).map((m) => emu.state.members.toApi(m)) };
  });

  router.route('GET', '/guilds/:guildId/members/search', (req) => {
    const { emu, params, query } = req;
    const guild = guildForBot(emu, params.guildId!);
    const q = query.get('query');
    if (q === null) throw formError(['query'], 'BASE_TYPE_REQUIRED', 'This field is required');
    const limit = intQuery(req, 'limit', 1, 1, 1000);
    const needle = q.toLowerCase();
    const found = emu.state.members.list(guild.id).filter((m) => {
      const user = emu.state.users.get(m.userId);
      return [user.username, user.global_name, m.nick].some((n) => n?.toLowerCase().startsWith(needle));
    });
    return { body: found.slice(0, limit).map((m) => emu.state.members.toApi(m)) };
  });

  router.route('GET', '/guilds/:guildId/members/:userId', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    const userId = params.userId === '@me' ? emu.botUser.id : params.userId!;
    return { body: emu.state.members.toApi(emu.state.members.get(guild.id, userId)) };
  });

  router.route('PATCH', '/guilds/:guildId/members/:userId', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    const userId = params.userId === '@me' ? emu.botUser.id : params.userId!;
    const member = emu.state.members.get(guild.id, userId);
    const patch = parseBody(memberPatchSchema, body);
    if (patch.nick !== undefined) {
      if (userId === emu.botUser.id)
        requireGuildPermission(emu, guild.id, PermissionFlagsBits.ChangeNickname);
      else {
        requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageNicknames);
        requireMemberBelowBot(emu, guild.id, userId);
      }
    }
    if (patch.roles != null)
      checkRoleChange(
        emu,
        guild.id,
        member.roles,
        patch.roles.filter((r) => r !== guild.id),
      );
    if (patch.mute != null) requireGuildPermission(emu, guild.id, PermissionFlagsBits.MuteMembers);
    if (patch.deaf != null) requireGuildPermission(emu, guild.id, PermissionFlagsBits.DeafenMembers);
    if (patch.communication_disabled_until !== undefined) {
      requireGuildPermission(emu, guild.id, PermissionFlagsBits.ModerateMembers);
      requireMemberBelowBot(emu, guild.id, userId);
    }
    if (patch.channel_id !== undefined) checkVoiceMove(emu, guild.id, userId, patch.channel_id);
    const hasMemberFields =
      patch.nick !== undefined ||
      patch.roles != null ||
      patch.mute != null ||
      patch.deaf != null ||
      patch.communication_disabled_until !== undefined;
    if (hasMemberFields) {
      emu.state.members.update(guild.id, userId, {
        ...(patch.nick !== undefined ? { nick: patch.nick } : {}),
        ...(patch.roles != null ? { roles: patch.roles } : {}),
        ...(patch.mute != null ? { mute: patch.mute } : {}),
        ...(patch.deaf != null ? { deaf: patch.deaf } : {}),
        ...(patch.communication_disabled_until !== undefined
          ? { communicationDisabledUntil: patch.communication_disabled_until }
          : {}),
      });
    }
    if (patch.channel_id !== undefined) {
      if (patch.channel_id === null) emu.state.voice.leave(guild.id, userId);
      else emu.state.voice.move(guild.id, userId, patch.channel_id);
    }
    return { body: emu.state.members.toApi(emu.state.members.get(guild.id, userId)) };
  });

  /** Role grants and removals check the same things, in Discord's order: 404s, then 50013. */
  const roleChange =
    (apply: (emu: RouteRequest['emu'], guildId: string, userId: string, roleId: string) => void) =>
    ({ emu, params }: RouteRequest) => {
      const guild = guildForBot(emu, params.guildId!);
      emu.state.members.get(guild.id, params.userId!);
      emu.state.roles.get(guild.id, params.roleId!);
      requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageRoles);
      requireRoleBelowBot(emu, guild.id, params.roleId!);
      apply(emu, guild.id, params.userId!, params.roleId!);
    };
  router.route(
    'PUT',
    '/guilds/:guildId/members/:userId/roles/:roleId',
    roleChange((emu, g, u, r) => emu.state.members.addRole(g, u, r)),
  );
  router.route(
    'DELETE',
    '/guilds/:guildId/members/:userId/roles/:roleId',
    roleChange((emu, g, u, r) => emu.state.members.removeRole(g, u, r)),
  );

  router.route('DELETE', '/guilds/:guildId/members/:userId', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    emu.state.members.get(guild.id, params.userId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.KickMembers);
    if (params.userId === emu.botUser.id)
      throw Errors.unsupported('the bot leaving through DELETE /guilds/:id/members/:id');
    requireMemberBelowBot(emu, guild.id, params.userId!);
    emu.state.members.remove(guild.id, params.userId!);
  });
}
