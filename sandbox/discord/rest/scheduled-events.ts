/**
 * Guild scheduled events: list, create, get, modify, delete, and the subscribers list. Source:
 * discord-api-docs `developers/resources/guild-scheduled-event.mdx`. Checks run in Discord's order
 * (unknown → hidden → permissions → finished → body); status rules live in the state
 * (`state/scheduled-event-rules.ts`) so drivers obey them too. "Observed" marks behaviour public
 * projects recorded from Discord that the docs do not state.
 */
import {
  GuildScheduledEventEntityType as Entity,
  GuildScheduledEventStatus as Status,
} from 'discord-api-types/v10';
import type { z } from 'zod';
import { Errors } from '../errors.js';
import type { Router } from '../router.js';
import { isFinished, ScheduledEventErrors } from '../state/scheduled-event-rules.js';
import { parseBody, scheduledEventCreateSchema, scheduledEventPatchSchema } from '../validation.js';
import { guildForBot } from './access.js';
import { registerScheduledEventUserRoutes } from './scheduled-event-users.js';
import {
  checkShape,
  fieldRequired,
  imageHash,
  requireCreate,
  requireManage,
  shapeOf,
  visibleEvent,
  visibleToBot,
  type EventShape,
} from './scheduled-event-access.js';

const withCount = (query: URLSearchParams) => query.get('with_user_count') === 'true';

function refuseRecurrence(rule: unknown): void {
  // Tsunagu creates one event per occurrence (DESIGN.md); a rule here would be silently wrong.
  if (rule != null) throw Errors.unsupported('recurring scheduled events (recurrence_rule)');
}

/** Registers the scheduled-event routes. */
export function registerScheduledEventRoutes(router: Router): void {
  // Observed: COMPLETED (and CANCELED) events drop out of the list; GET by id still finds them.
  router.route('GET', '/guilds/:guildId/scheduled-events', ({ emu, params, query }) => {
    const guild = guildForBot(emu, params.guildId!);
    const events = emu.state.scheduledEvents
      .listOpen(guild.id)
      .filter((e) => visibleToBot(emu, e))
      .map((e) => emu.state.scheduledEvents.toApi(e, withCount(query)));
    return { body: events };
  });

  router.route('POST', '/guilds/:guildId/scheduled-events', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    const input = parseBody(scheduledEventCreateSchema, body);
    refuseRecurrence(input.recurrence_rule);
    const external = input.entity_type === Entity.External;
    const shape: EventShape = {
      entityType: input.entity_type,
      channelId: external ? null : (input.channel_id ?? null),
      location: input.entity_metadata?.location,
      start: input.scheduled_start_time,
      end: input.scheduled_end_time ?? null,
    };
    checkShape(emu, guild.id, shape, { channel: input.channel_id, location: shape.location });
    requireCreate(emu, guild.id, shape);
    if (Date.parse(input.scheduled_start_time) < emu.state.clock.now())
      throw ScheduledEventErrors.startInPast();
    const event = emu.state.scheduledEvents.create(guild.id, {
      name: input.name,
      description: input.description ?? null,
      channelId: shape.channelId,
      creatorId: emu.botUser.id,
      scheduledStartTime: input.scheduled_start_time,
      scheduledEndTime: shape.end,
      entityType: input.entity_type,
      entityMetadata: external ? { location: shape.location! } : null,
      privacyLevel: input.privacy_level,
      image: imageHash(input.image) ?? null,
    });
    return { body: emu.state.scheduledEvents.toApi(event) };
  });

  router.route('GET', '/guilds/:guildId/scheduled-events/:eventId', ({ emu, params, query }) => {
    const guild = guildForBot(emu, params.guildId!);
    const event = visibleEvent(emu, guild.id, params.eventId!);
    return { body: emu.state.scheduledEvents.toApi(event, withCount(query)) };
  });

  router.route('PATCH', '/guilds/:guildId/scheduled-events/:eventId', ({ emu, params, body }) => {
    const guild = guildForBot(emu, params.guildId!);
    const event = visibleEvent(emu, guild.id, params.eventId!);
    requireManage(emu, event);
    // Observed: any edit of a finished event, not only a status change, answers 180000.
    if (isFinished(event.status)) throw ScheduledEventErrors.finished();
    const patch = parseBody(scheduledEventPatchSchema, body);
    refuseRecurrence(patch.recurrence_rule);
    const current = shapeOf(event);
    const shape = patchedShape(current, patch);
    const { entityType } = shape;
    const external = entityType === Entity.External;
    checkShape(emu, guild.id, shape, {
      channel: patch.channel_id,
      location: patch.entity_metadata?.location,
    });
    if (shape.channelId !== current.channelId || entityType !== event.entityType)
      requireManage(emu, event, shape);
    checkStart(event.status, patch.scheduled_start_time, current.start, emu.state.clock.now());
    if (
      patch.status === Status.Active &&
      entityType === Entity.StageInstance &&
      event.status !== Status.Active
    )
      throw Errors.unsupported('starting a stage event (stage instances)');
    const updated = emu.state.scheduledEvents.update(guild.id, event.id, {
      ...(patch.name != null ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      channelId: shape.channelId,
      scheduledStartTime: shape.start,
      scheduledEndTime: shape.end,
      entityType,
      entityMetadata: external ? { location: shape.location! } : null,
      ...(patch.status != null ? { status: patch.status } : {}),
      ...(patch.image !== undefined ? { image: imageHash(patch.image) } : {}),
    });
    return { body: emu.state.scheduledEvents.toApi(updated) };
  });

  router.route('DELETE', '/guilds/:guildId/scheduled-events/:eventId', ({ emu, params }) => {
    const guild = guildForBot(emu, params.guildId!);
    const event = visibleEvent(emu, guild.id, params.eventId!);
    requireManage(emu, event);
    emu.state.scheduledEvents.delete(guild.id, event.id);
  });

  registerScheduledEventUserRoutes(router);
}

/** The event as it would be after the PATCH. */
function patchedShape(current: EventShape, patch: z.output<typeof scheduledEventPatchSchema>): EventShape {
  const entityType = patch.entity_type ?? current.entityType;
  const external = entityType === Entity.External;
  // "If updating entity_type to EXTERNAL: channel_id is required and must be set to null".
  if (external && current.entityType !== Entity.External && patch.channel_id === undefined)
    throw fieldRequired(['channel_id']);
  const pick = <T>(sent: T | undefined, kept: T) => (sent !== undefined ? sent : kept);
  return {
    entityType,
    channelId: external ? null : pick(patch.channel_id, current.channelId),
    location: patch.entity_metadata !== undefined ? patch.entity_metadata?.location : current.location,
    start: patch.scheduled_start_time ?? current.start,
    end: pick(patch.scheduled_end_time, current.end),
  };
}

/**
 * A start time sent for an ACTIVE event is refused even when unchanged (observed); a changed
 * start in the past is refused for a SCHEDULED one.
 */
function checkStart(status: Status, sent: string | null | undefined, current: string, now: number): void {
  if (sent == null) return;
  if (status === Status.Active) throw ScheduledEventErrors.startByStatus();
  if (Date.parse(sent) !== Date.parse(current) && Date.parse(sent) < now)
    throw ScheduledEventErrors.startInPast();
}
