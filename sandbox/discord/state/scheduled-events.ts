import {
  GatewayDispatchEvents,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  type APIGuildScheduledEvent,
} from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { snowflake } from '../snowflake.js';
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

/** Guild scheduled events and their interested users. */
export class ScheduledEventStore {
  constructor(private readonly s: DiscordState) {}

  /** Returns the event or throws 404 10070 Unknown Guild Scheduled Event. */
  get(guildId: string, eventId: string): ScheduledEventRecord {
    const event = this.s.guilds.get(guildId).scheduledEvents.get(eventId);
    if (!event) throw Errors.unknownGuildScheduledEvent();
    return event;
  }

  list(guildId: string): ScheduledEventRecord[] {
    return [...this.s.guilds.get(guildId).scheduledEvents.values()];
  }

  /** The API shape; `withUserCount` adds `user_count` (REST `with_user_count=true`). */
  toApi(event: ScheduledEventRecord, withUserCount = false): APIGuildScheduledEvent {
    return serializeScheduledEvent(
      event,
      event.creatorId ? this.s.users.find(event.creatorId) : undefined,
      withUserCount,
    );
  }

  /** Creates an event (status Scheduled) and emits GUILD_SCHEDULED_EVENT_CREATE. */
  create(guildId: string, input: CreateScheduledEventInput): ScheduledEventRecord {
    const guild = this.s.guilds.get(guildId);
    if (input.channelId) this.s.channels.get(input.channelId);
    const event: ScheduledEventRecord = {
      id: snowflake(),
      guildId,
      channelId: input.channelId ?? null,
      creatorId: input.creatorId ?? null,
      name: input.name,
      description: input.description ?? null,
      scheduledStartTime: new Date(input.scheduledStartTime).toISOString(),
      scheduledEndTime: input.scheduledEndTime ? new Date(input.scheduledEndTime).toISOString() : null,
      privacyLevel: input.privacyLevel ?? GuildScheduledEventPrivacyLevel.GuildOnly,
      status: GuildScheduledEventStatus.Scheduled,
      entityType: input.entityType,
      entityMetadata:
        input.entityType === GuildScheduledEventEntityType.External ? (input.entityMetadata ?? null) : null,
      image: input.image ?? null,
      interested: new Set(),
    };
    guild.scheduledEvents.set(event.id, event);
    this.s.emit(GatewayDispatchEvents.GuildScheduledEventCreate, this.toApi(event), guildId);
    return event;
  }

  /** Updates an event and emits GUILD_SCHEDULED_EVENT_UPDATE. */
  update(guildId: string, eventId: string, patch: UpdateScheduledEventInput): ScheduledEventRecord {
    const event = this.get(guildId, eventId);
    if (patch.name !== undefined) event.name = patch.name;
    if (patch.description !== undefined) event.description = patch.description;
    if (patch.channelId !== undefined) event.channelId = patch.channelId;
    if (patch.scheduledStartTime !== undefined)
      event.scheduledStartTime = new Date(patch.scheduledStartTime).toISOString();
    if (patch.scheduledEndTime !== undefined)
      event.scheduledEndTime = patch.scheduledEndTime ? new Date(patch.scheduledEndTime).toISOString() : null;
    if (patch.entityType !== undefined) event.entityType = patch.entityType;
    if (patch.entityMetadata !== undefined) event.entityMetadata = patch.entityMetadata;
    if (patch.privacyLevel !== undefined) event.privacyLevel = patch.privacyLevel;
    if (patch.image !== undefined) event.image = patch.image;
    if (patch.status !== undefined) event.status = patch.status;
    this.s.emit(GatewayDispatchEvents.GuildScheduledEventUpdate, this.toApi(event), guildId);
    return event;
  }

  /** Deletes an event and emits GUILD_SCHEDULED_EVENT_DELETE. */
  delete(guildId: string, eventId: string): void {
    const event = this.get(guildId, eventId);
    this.s.guilds.get(guildId).scheduledEvents.delete(eventId);
    this.s.emit(GatewayDispatchEvents.GuildScheduledEventDelete, this.toApi(event), guildId);
  }

  /** A member marks themselves interested: emits GUILD_SCHEDULED_EVENT_USER_ADD. */
  addInterested(guildId: string, eventId: string, userId: string): void {
    const event = this.get(guildId, eventId);
    this.s.members.get(guildId, userId);
    if (event.interested.has(userId)) return;
    event.interested.add(userId);
    this.s.emit(
      GatewayDispatchEvents.GuildScheduledEventUserAdd,
      { guild_scheduled_event_id: eventId, user_id: userId, guild_id: guildId },
      guildId,
    );
  }

  /** Emits GUILD_SCHEDULED_EVENT_USER_REMOVE. */
  removeInterested(guildId: string, eventId: string, userId: string): void {
    const event = this.get(guildId, eventId);
    if (!event.interested.delete(userId)) return;
    this.s.emit(
      GatewayDispatchEvents.GuildScheduledEventUserRemove,
      { guild_scheduled_event_id: eventId, user_id: userId, guild_id: guildId },
      guildId,
    );
  }
}
