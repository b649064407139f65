/**
 * Who may see, create and edit a scheduled event, and which shapes Discord accepts, from
 * discord-api-docs `developers/resources/guild-scheduled-event.mdx` ("Guild Scheduled Event
 * Permissions Requirements", "Field Requirements By Entity Type"). For VOICE and STAGE events the
 * permissions are computed in the event's channel, for EXTERNAL ones at guild level.
 */
import { createHash } from 'node:crypto';
import {
  ChannelType,
  GuildScheduledEventEntityType as Entity,
  PermissionFlagsBits as P,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { Errors, formError } from '../errors.js';
import { ScheduledEventErrors } from '../state/scheduled-event-rules.js';
import type { ScheduledEventRecord } from '../state/types.js';

/** What each entity type needs on top of Create Events / Manage Events. */
const ENTITY_NEEDS: Record<Entity, bigint> = {
  [Entity.StageInstance]: P.ViewChannel | P.ManageChannels | P.MuteMembers | P.MoveMembers,
  [Entity.Voice]: P.ViewChannel | P.Connect,
  [Entity.External]: 0n,
};

const CHANNEL_TYPE: Partial<Record<Entity, ChannelType>> = {
  [Entity.StageInstance]: ChannelType.GuildStageVoice,
  [Entity.Voice]: ChannelType.GuildVoice,
};

/** The shape an event has (or will have after a PATCH), as the checks need it. */
export interface EventShape {
  entityType: Entity;
  channelId: string | null;
  location: string | null | undefined;
  start: string;
  end: string | null;
}

function botPermissions(emu: EmulatorContext, guildId: string, shape: EventShape): bigint {
  return shape.entityType === Entity.External || !shape.channelId
    ? emu.state.permissions.of(guildId, emu.botUser.id)
    : emu.state.permissions.inChannel(shape.channelId, emu.botUser.id);
}

const holds = (perms: bigint, needed: bigint) => (perms & needed) === needed;

/** Create: Create Events plus the entity's channel permissions; else 403 50013. */
export function requireCreate(emu: EmulatorContext, guildId: string, shape: EventShape): void {
  const perms = botPermissions(emu, guildId, shape);
  if (!holds(perms, P.CreateEvents | ENTITY_NEEDS[shape.entityType])) throw Errors.missingPermissions();
}

/**
 * Modify/delete: "If the event was created by the current user, either CREATE_EVENTS or
 * MANAGE_EVENTS. Otherwise, MANAGE_EVENTS", plus the entity's channel permissions.
 */
export function requireManage(
  emu: EmulatorContext,
  event: ScheduledEventRecord,
  shape: EventShape = shapeOf(event),
): void {
  const perms = botPermissions(emu, event.guildId, shape);
  const own = event.creatorId === emu.botUser.id && holds(perms, P.CreateEvents);
  if (!own && !holds(perms, P.ManageEvents)) throw Errors.missingPermissions();
  if (!holds(perms, ENTITY_NEEDS[shape.entityType])) throw Errors.missingPermissions();
}

/**
 * "Get Permissions: VIEW_CHANNEL" for channel events. The list leaves hidden events out; a GET
 * of one answers 10070 as if it did not exist (not verified: Discord does not say which error).
 */
export function visibleToBot(emu: EmulatorContext, event: ScheduledEventRecord): boolean {
  if (!event.channelId || !emu.state.channels.find(event.channelId)) return true;
  return emu.state.permissions.hasIn(event.channelId, emu.botUser.id, P.ViewChannel);
}

/** The event, if the bot may see it; 10070 otherwise. */
export function visibleEvent(emu: EmulatorContext, guildId: string, eventId: string): ScheduledEventRecord {
  const event = emu.state.scheduledEvents.get(guildId, eventId);
  if (!visibleToBot(emu, event)) throw Errors.unknownGuildScheduledEvent();
  return event;
}

export function shapeOf(event: ScheduledEventRecord): EventShape {
  return {
    entityType: event.entityType,
    channelId: event.channelId,
    location: event.entityMetadata?.location,
    start: event.scheduledStartTime,
    end: event.scheduledEndTime,
  };
}

/** 50035 BASE_TYPE_REQUIRED at `path`. */
export const fieldRequired = (path: string[]) =>
  formError(path, 'BASE_TYPE_REQUIRED', 'This field is required');

/**
 * "Field Requirements By Entity Type": EXTERNAL needs `entity_metadata.location` and
 * `scheduled_end_time` and no channel; VOICE/STAGE need a voice/stage channel of the guild and
 * no location. `sent` is what the request itself carried (a channel for an external event is refused).
 */
export function checkShape(
  emu: EmulatorContext,
  guildId: string,
  shape: EventShape,
  sent: { channel?: string | null; location?: string | null },
): void {
  if (shape.entityType === Entity.External) {
    // Not verified: the docs say the channel "is required to be null", not which error says so.
    if (sent.channel)
      throw formError(['channel_id'], 'BASE_TYPE_INVALID', 'Must be null for external events.');
    if (!shape.location) throw fieldRequired(['entity_metadata', 'location']);
    if (!shape.end) throw fieldRequired(['scheduled_end_time']);
  } else {
    if (sent.location) throw ScheduledEventErrors.metadataUnsupported();
    if (!shape.channelId) throw fieldRequired(['channel_id']);
    const channel = emu.state.channels.get(shape.channelId);
    if (channel.guildId !== guildId || channel.type !== CHANNEL_TYPE[shape.entityType]) {
      // Not verified: the code Discord uses for a channel of the wrong type.
      throw formError(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Invalid channel type for this event.');
    }
  }
  if (shape.end && Date.parse(shape.end) <= Date.parse(shape.start)) {
    // Not verified: code and message for an end before the start.
    throw formError(
      ['scheduled_end_time'],
      'BASE_TYPE_INVALID',
      'The end time must be after the start time.',
    );
  }
}

/** Discord stores a cover image as a hash of the uploaded data. */
export function imageHash(image: string | null | undefined): string | null | undefined {
  return image ? createHash('md5').update(image).digest('hex') : image;
}
