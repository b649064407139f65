/**
 * Discord's rules for guild scheduled events that both the state (drivers, automation) and the
 * REST routes obey, with the errors Discord answers.
 *
 * Sources: discord-api-docs `developers/resources/guild-scheduled-event.mdx` (status transitions,
 * the 100-event limit) and `developers/topics/opcodes-and-status-codes.mdx` (30038, 180000).
 * Where a code below is marked "observed" it is not in the docs but appears in the responses
 * public projects recorded from Discord; "not verified" marks the emulator's best guess.
 */
import { GuildScheduledEventStatus as Status } from 'discord-api-types/v10';
import { DiscordApiError, formError } from '../errors.js';

/** "A guild can have a maximum of 100 events with SCHEDULED or ACTIVE status at any time." */
export const MAX_OPEN_EVENTS = 100;

export const ScheduledEventErrors = {
  /** 400 30038; the docs' wording. (A 2021 report, discord-api-docs#3919, saw it at the 100th.) */
  maxEvents: () =>
    new DiscordApiError(
      400,
      30038,
      `Maximum number of uncompleted guild scheduled events reached (${MAX_OPEN_EVENTS})`,
    ),
  /** 400 180000: any edit of a COMPLETED or CANCELED event (observed for plain edits too). */
  finished: () => new DiscordApiError(400, 180000, 'Cannot update a finished event'),
  /** Observed code and message (many public bots match on both). */
  startInPast: () =>
    formError(
      ['scheduled_start_time'],
      'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
      'Cannot schedule event in the past.',
    ),
  /** Observed code (a start time sent for an ACTIVE event, even unchanged); the message is not verified. */
  startByStatus: () =>
    formError(
      ['scheduled_start_time'],
      'GUILD_SCHEDULED_EVENT_SCHEDULE_INVALID_START_BY_STATUS',
      'Cannot change the start time of an event that has started.',
    ),
  /** Not verified: Discord documents the transitions, not the error for a wrong one. */
  invalidTransition: (from: Status, to: Status) =>
    formError(
      ['status'],
      'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION',
      `Invalid status transition from ${Status[from]} to ${Status[to]}.`,
    ),
  /** Observed code on a location for a voice event; the message is not verified. */
  metadataUnsupported: () =>
    formError(
      ['entity_metadata'],
      'GUILD_SCHEDULED_EVENT_ENTITY_METADATA_UNSUPPORTED',
      'Entity metadata is only supported for external events.',
    ),
};

/** COMPLETED and CANCELED are final: "the status can no longer be updated". */
export function isFinished(status: Status): boolean {
  return status === Status.Completed || status === Status.Canceled;
}

/** SCHEDULED and ACTIVE events count towards the limit of 100. */
export function isOpen(status: Status): boolean {
  return status === Status.Scheduled || status === Status.Active;
}

/**
 * The documented transitions: SCHEDULED → ACTIVE, ACTIVE → COMPLETED, SCHEDULED → CANCELED.
 * Sending the current status again is accepted (discord.js edits often resend it).
 */
export function checkTransition(from: Status, to: Status): void {
  if (isFinished(from)) throw ScheduledEventErrors.finished();
  const ok =
    from === to ||
    (from === Status.Scheduled && (to === Status.Active || to === Status.Canceled)) ||
    (from === Status.Active && to === Status.Completed);
  if (!ok) throw ScheduledEventErrors.invalidTransition(from, to);
}
