/**
 * Guild scheduled events, their subscribers ("Interested") and what Discord does to them as time
 * passes. Every change emits the dispatch Discord sends (GUILD_SCHEDULED_EVENT_CREATE/UPDATE/
 * DELETE/USER_ADD/USER_REMOVE, all behind the GuildScheduledEvents intent). Status changes obey
 * Discord's state machine here, so drivers and the automation follow the same rules as REST.
 */
import {
  GatewayDispatchEvents,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  type APIGuildScheduledEvent,
} from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { snowflake } from '../snowflake.js';
import { ScheduledEventAutomation, type ScheduledEventTimings } from './scheduled-event-automation.js';
import {
  checkTransition,
  isFinished,
  isOpen,
  MAX_OPEN_EVENTS,
  ScheduledEventErrors,
} from './scheduled-event-rules.js';
import { serializeScheduledEvent } from './serialize.js';
import type { DiscordState } from './state.js';
import type { ScheduledEventRecord } from './types.js';

export interface CreateScheduledEventInput {
  name: string;
  creatorId?: string | null;
  channelId?: string | null;
  description?: string | null;
  scheduledStartTime: string;
  scheduledEndTime?: string | null;
  entityType: GuildScheduledEventEntityType;
  entityMetadata?: { location?: string } | null;
  privacyLevel?: GuildScheduledEventPrivacyLevel;
  image?: string | null;
}

export type UpdateScheduledEventInput = Partial<CreateScheduledEventInput> & {
  status?: GuildScheduledEventStatus;
};

const iso = (value: string) => new Date(value).toISOString();

export class ScheduledEventStore {
  private readonly automation: ScheduledEventAutomation;

  constructor(private readonly s: DiscordState) {
    this.automation = new ScheduledEventAutomation(s);
    s.clock.onTick((now) => this.tick(now));
  }

  /** The automation delays in use (see `configure`). */
  get timings(): ScheduledEventTimings {
    return { ...this.automation.timings };
  }

  /** Changes how long Discord waits before completing an emptied event / cancelling an unstarted one. */
  configure(timings: Partial<ScheduledEventTimings>): void {
    this.automation.timings = { ...this.automation.timings, ...timings };
  }

  /** Returns the event or throws 404 10070 Unknown Guild Scheduled Event. */
  get(guildId: string, eventId: string): ScheduledEventRecord {
    const event = this.s.guilds.get(guildId).scheduledEvents.get(eventId);
    if (!event) throw Errors.unknownGuildScheduledEvent();
    return event;
  }

  /** Every event of the guild, finished ones included. */
  list(guildId: string): ScheduledEventRecord[] {
    return [...this.s.guilds.get(guildId).scheduledEvents.values()];
  }

  /** SCHEDULED and ACTIVE events: what the limit of 100 counts. */
  listOpen(guildId: string): ScheduledEventRecord[] {
    return this.list(guildId).filter((e) => isOpen(e.status));
  }

  /** The API shape; `withUserCount` adds `user_count` (REST `with_user_count=true`). */
  toApi(event: ScheduledEventRecord, withUserCount = false): APIGuildScheduledEvent {
    return serializeScheduledEvent(
      event,
      event.creatorId ? this.s.users.find(event.creatorId) : undefined,
      withUserCount,
    );
  }

  /** Creates an event (status SCHEDULED); 30038 past 100 open events. Emits GUILD_SCHEDULED_EVENT_CREATE. */
  create(guildId: string, input: CreateScheduledEventInput): ScheduledEventRecord {
    const guild = this.s.guilds.get(guildId);
    if (input.channelId) this.s.channels.get(input.channelId);
    if (this.listOpen(guildId).length >= MAX_OPEN_EVENTS) throw ScheduledEventErrors.maxEvents();
    const external = input.entityType === GuildScheduledEventEntityType.External;
    const event: ScheduledEventRecord = {
      id: snowflake(),
      guildId,
      channelId: external ? null : (input.channelId ?? null),
      creatorId: input.creatorId ?? null,
      name: input.name,
      description: input.description ?? null,
      scheduledStartTime: iso(input.scheduledStartTime),
      scheduledEndTime: input.scheduledEndTime ? iso(input.scheduledEndTime) : null,
      privacyLevel: input.privacyLevel ?? GuildScheduledEventPrivacyLevel.GuildOnly,
      status: GuildScheduledEventStatus.Scheduled,
      entityType: input.entityType,
      entityMetadata: external ? (input.entityMetadata ?? null) : null,
      image: input.image ?? null,
      interested: new Set(),
    };
    guild.scheduledEvents.set(event.id, event);
    this.automation.watch();
    this.s.emit(GatewayDispatchEvents.GuildScheduledEventCreate, this.toApi(event), guildId);
    return event;
  }

  /**
   * Updates an event and emits GUILD_SCHEDULED_EVENT_UPDATE. A finished event refuses every
   * change (400 180000); a status change must be one of Discord's transitions.
   */
  update(guildId: string, eventId: string, patch: UpdateScheduledEventInput): ScheduledEventRecord {
    const event = this.get(guildId, eventId);
    if (isFinished(event.status)) throw ScheduledEventErrors.finished();
    if (patch.status !== undefined) checkTransition(event.status, patch.status);
    if (patch.name !== undefined) event.name = patch.name;
    if (patch.description !== undefined) event.description = patch.description;
    if (patch.channelId !== undefined) event.channelId = patch.channelId;
    if (patch.scheduledStartTime !== undefined) event.scheduledStartTime = iso(patch.scheduledStartTime);
    if (patch.scheduledEndTime !== undefined)
      event.scheduledEndTime = patch.scheduledEndTime ? iso(patch.scheduledEndTime) : null;
    if (patch.entityType !== undefined) event.entityType = patch.entityType;
    if (patch.entityMetadata !== undefined) event.entityMetadata = patch.entityMetadata;
    if (event.entityType !== GuildScheduledEventEntityType.External) event.entityMetadata = null;
    else event.channelId = null;
    if (patch.privacyLevel !== undefined) event.privacyLevel = patch.privacyLevel;
    if (patch.image !== undefined) event.image = patch.image;
    if (patch.status !== undefined) event.status = patch.status;
    this.automation.track(event);
    this.s.emit(GatewayDispatchEvents.GuildScheduledEventUpdate, this.toApi(event), guildId);
    return event;
  }

  /**
   * Removes the events located in a channel being deleted, WITHOUT a GUILD_SCHEDULED_EVENT_DELETE
   * each: Discord deletes a voice/stage channel's scheduled events with it and sends only
   * CHANNEL_DELETE (discord-api-docs#4581: "observe the CHANNEL_DELETE event and clean up any
   * associated resources"). Returns the ids removed.
   */
  removeWithChannel(guildId: string, channelId: string): string[] {
    const events = this.s.guilds.get(guildId).scheduledEvents;
    const removed = [...events.values()].filter((e) => e.channelId === channelId).map((e) => e.id);
    for (const id of removed) {
      events.delete(id);
      this.automation.forget(id);
    }
    return removed;
  }

  /** Deletes an event and emits GUILD_SCHEDULED_EVENT_DELETE. */
  delete(guildId: string, eventId: string): void {
    const event = this.get(guildId, eventId);
    this.s.guilds.get(guildId).scheduledEvents.delete(eventId);
    this.automation.forget(eventId);
    this.s.emit(GatewayDispatchEvents.GuildScheduledEventDelete, this.toApi(event), guildId);
  }

  /**
   * A member clicks "Interested": emits GUILD_SCHEDULED_EVENT_USER_ADD (only ids, as Discord
   * sends it). Bots cannot do this through the API; it is a person's action (a driver).
   * A finished event takes no new subscribers (180000); subscribing twice is a no-op.
   */
  subscribe(guildId: string, eventId: string, userId: string): void {
    const event = this.get(guildId, eventId);
    this.s.members.get(guildId, userId);
    if (isFinished(event.status)) throw ScheduledEventErrors.finished();
    if (event.interested.has(userId)) return;
    event.interested.add(userId);
    this.emitUser(GatewayDispatchEvents.GuildScheduledEventUserAdd, event, userId);
  }

  /** A member takes "Interested" back: emits GUILD_SCHEDULED_EVENT_USER_REMOVE (no-op if not subscribed). */
  unsubscribe(guildId: string, eventId: string, userId: string): void {
    const event = this.get(guildId, eventId);
    if (!event.interested.delete(userId)) return;
    this.emitUser(GatewayDispatchEvents.GuildScheduledEventUserRemove, event, userId);
  }

  /** Same as `subscribe` (older name). */
  addInterested(guildId: string, eventId: string, userId: string): void {
    this.subscribe(guildId, eventId, userId);
  }

  /** Same as `unsubscribe` (older name). */
  removeInterested(guildId: string, eventId: string, userId: string): void {
    this.unsubscribe(guildId, eventId, userId);
  }

  /**
   * Applies what Discord would have done by `now` (external events start and end, emptied voice
   * events complete, unstarted ones are cancelled), one UPDATE per step. Runs on every clock tick.
   */
  tick(now = this.s.clock.now()): void {
    for (const guild of this.s.data.guilds.values()) {
      for (const event of guild.scheduledEvents.values()) {
        for (const status of this.automation.due(event, now)) this.update(guild.id, event.id, { status });
      }
    }
  }

  private emitUser(name: GatewayDispatchEvents, event: ScheduledEventRecord, userId: string): void {
    this.s.emit(
      name,
      { guild_scheduled_event_id: event.id, user_id: userId, guild_id: event.guildId },
      event.guildId,
    );
  }
}
