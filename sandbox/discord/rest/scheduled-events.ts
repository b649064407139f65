/** Guild scheduled events: CRUD and interested users. */
import {
  GuildScheduledEventEntityType,
  GuildScheduledEventStatus,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { formError } from '../errors.js';
import type { Router } from '../router.js';
import { compareSnowflakes } from '../snowflake.js';
import { serializeUser } from '../state/serialize.js';
import type { EmulatorContext } from '../context.js';
import { parseBody, scheduledEventCreateSchema, scheduledEventPatchSchema } from '../validation.js';
import { guildForBot, intQuery, requireGuildPermission } from './access.js';

function requireEventPermission(emu: EmulatorContext, guildId: string): void {
  const perms = emu.state.permissions.of(guildId, emu.botUser.id);
  if (!(perms & PermissionFlagsBits.ManageEvents) && !(perms & PermissionFlagsBits.CreateEvents)) {
    requireGuildPermission(emu, guildId, PermissionFlagsBits.ManageEvents);
  }
}

/** Discord's entity rules: voice/stage events need a channel, external ones a location and an end time. */
function checkEntity(
  emu: EmulatorContext,
  guildId: string,
  entityType: number,
  channelId: string | null | undefined,
  location: string | undefined,
  end: string | null | undefined,
): void {
  if (entityType === GuildScheduledEventEntityType.External) {
    if (!location)
      throw formError(['entity_metadata', 'location'], 'BASE_TYPE_REQUIRED', 'This field is required');
    if (!end) throw formError(['scheduled_end_time'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (!channelId) throw formError(['channel_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const channel = emu.state.channels.get(channelId);
  if (channel.guildId !== guildId) throw formError(['channel_id'], 'CHANNEL_INVALID', 'Invalid channel');
}

export function registerScheduledEventRoutes(router: Router): void {
  router.route('GET', '/guilds/:guildId/scheduled-events', ({ emu, params, query }) => {
    const guild = guildForBot(emu, params.guildId!);
    const withCount = query.get('with_user_count') === 'true';
    return {
      body: emu.state.scheduledEvents
        .list(guild.id)
        .map((e) => emu.state.scheduledEvents.toApi(e, withCount)),
    };
  });

  router.route('POST', '/guilds/:guildId/scheduled-events', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    requireEventPermission(emu, guild.id);
    const input = parseBody(scheduledEventCreateSchema, body);
    checkEntity(
      emu,
      guild.id,
      input.entity_type,
      input.channel_id,
      input.entity_metadata?.location,
      input.scheduled_end_time,
    );
    if (Date.parse(input.scheduled_start_time) < Date.now()) {
      throw formError(
        ['scheduled_start_time'],
        'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
        'Cannot schedule event in the past.',
      );
    }
    const event = emu.state.scheduledEvents.create(guild.id, {
      name: input.name,
      description: input.description ?? null,
      channelId:
        input.entity_type === GuildScheduledEventEntityType.External ? null : (input.channel_id ?? null),
      creatorId: emu.botUser.id,
      scheduledStartTime: input.scheduled_start_time,
      scheduledEndTime: input.scheduled_end_time ?? null,
      entityType: input.entity_type,
      entityMetadata: input.entity_metadata ?? null,
      privacyLevel: input.privacy_level,
      image: input.image ?? null,
    });
    return { body: emu.state.scheduledEvents.toApi(event) };
  });

  router.route('GET', '/guilds/:guildId/scheduled-events/:eventId', ({ emu, params, query }) => {
    const guild = guildForBot(emu, params.guildId!);
    const event = emu.state.scheduledEvents.get(guild.id, params.eventId!);
    return { body: emu.state.scheduledEvents.toApi(event, query.get('with_user_count') === 'true') };
  });

  router.route('PATCH', '/guilds/:guildId/scheduled-events/:eventId', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    const event = emu.state.scheduledEvents.get(guild.id, params.eventId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageEvents);
    const patch = parseBody(scheduledEventPatchSchema, body);
    const entityType = patch.entity_type ?? event.entityType;
    checkEntity(
      emu,
      guild.id,
      entityType,
      patch.channel_id !== undefined ? patch.channel_id : event.channelId,
      patch.entity_metadata?.location ?? event.entityMetadata?.location,
      patch.scheduled_end_time !== undefined ? patch.scheduled_end_time : event.scheduledEndTime,
    );
    if (patch.status != null) checkTransition(event.status, patch.status);
    const updated = emu.state.scheduledEvents.update(guild.id, event.id, {
      ...(patch.name != null ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.channel_id !== undefined ? { channelId: patch.channel_id } : {}),
      ...(patch.scheduled_start_time != null ? { scheduledStartTime: patch.scheduled_start_time } : {}),
      ...(patch.scheduled_end_time !== undefined ? { scheduledEndTime: patch.scheduled_end_time } : {}),
      ...(patch.entity_type != null ? { entityType: patch.entity_type } : {}),
      ...(patch.entity_metadata !== undefined ? { entityMetadata: patch.entity_metadata } : {}),
      ...(patch.status != null ? { status: patch.status } : {}),
      ...(patch.image !== undefined ? { image: patch.image } : {}),
    });
    return { body: emu.state.scheduledEvents.toApi(updated) };
  });

  router.route('DELETE', '/guilds/:guildId/scheduled-events/:eventId', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    emu.state.scheduledEvents.get(guild.id, params.eventId!);
    requireGuildPermission(emu, guild.id, PermissionFlagsBits.ManageEvents);
    emu.state.scheduledEvents.delete(guild.id, params.eventId!);
  });

  router.route('GET', '/guilds/:guildId/scheduled-events/:eventId/users', (req) => {
    const { emu, params, query } = req;
    const guild = guildForBot(emu, params.guildId!);
    const event = emu.state.scheduledEvents.get(guild.id, params.eventId!);
    const limit = intQuery(req, 'limit', 100, 1, 100);
    const withMember = query.get('with_member') === 'true';
    const before = query.get('before');
    const after = query.get('after');
    let ids = [...event.interested].sort(compareSnowflakes);
    if (before) ids = ids.filter((id) => BigInt(id) < BigInt(before)).slice(-limit);
    if (after) ids = ids.filter((id) => BigInt(id) > BigInt(after));
    return {
      body: ids.slice(0, limit).map((id) => {
        const member = withMember ? emu.state.members.find(guild.id, id) : undefined;
        const full = member ? emu.state.members.toApi(member) : undefined;
        return {
          guild_scheduled_event_id: event.id,
          user_id: id,
          user: serializeUser(emu.state.users.get(id)),
          response: 1, // INTERESTED
          ...(full ? { member: full } : {}),
        };
      }),
    };
  });
}

/** Scheduled → Active | Canceled; Active → Completed; nothing else (Discord's state machine). */
function checkTransition(from: GuildScheduledEventStatus, to: GuildScheduledEventStatus): void {
  const S = GuildScheduledEventStatus;
  const ok =
    from === to ||
    (from === S.Scheduled && (to === S.Active || to === S.Canceled)) ||
    (from === S.Active && to === S.Completed);
  if (!ok)
    throw formError(
      ['status'],
      'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION',
      'Invalid status transition',
    );
}
