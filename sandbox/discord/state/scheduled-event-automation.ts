/**
 * What Discord does to scheduled events by itself, from "Guild Scheduled Event Status Update
 * Automation" in discord-api-docs (`developers/resources/guild-scheduled-event.mdx`):
 * - an ACTIVE VOICE or STAGE_INSTANCE event whose channel has had nobody connected "for a certain
 *   period of time (on the order of minutes)" becomes COMPLETED;
 * - an EXTERNAL event becomes ACTIVE at its scheduled_start_time and COMPLETED at its
 *   scheduled_end_time;
 * - any SCHEDULED event not begun "a certain time interval (on the order of hours)" after its
 *   start becomes CANCELED.
 * Only EXTERNAL events are documented to start by themselves; VOICE and STAGE events stay
 * SCHEDULED until someone (the bot) sets ACTIVE. Discord gives only the order of magnitude of
 * both delays, so they are options.
 */
import {
  GatewayDispatchEvents,
  GuildScheduledEventEntityType as Entity,
  GuildScheduledEventStatus as Status,
} from 'discord-api-types/v10';
import type { DiscordState } from './state.js';
import type { ScheduledEventRecord } from './types.js';

export interface ScheduledEventTimings {
  /** How long an ACTIVE voice/stage event's channel stays empty before Discord completes it. Default 3 min. */
  completeEmptyAfterMs: number;
  /** How long after its start time an event that never started is cancelled. Default 3 h. */
  cancelUnstartedAfterMs: number;
}

export const DEFAULT_SCHEDULED_EVENT_TIMINGS: ScheduledEventTimings = {
  completeEmptyAfterMs: 3 * 60_000,
  cancelUnstartedAfterMs: 3 * 3_600_000,
};

/** Tracks empty channels of active events and says which status changes are due. */
export class ScheduledEventAutomation {
  timings: ScheduledEventTimings = { ...DEFAULT_SCHEDULED_EVENT_TIMINGS };
  /** Event id → when its channel was first seen empty while the event was ACTIVE. */
  private readonly emptySince = new Map<string, number>();
  private watching = false;

  constructor(private readonly s: DiscordState) {}

  /**
   * Starts following voice changes. Called on the first event rather than in the constructor:
   * the state's dispatch list does not exist yet while its stores are being built.
   */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    this.s.onDispatch((event, _data, guildId) => {
      const voiceChange =
        event === GatewayDispatchEvents.VoiceStateUpdate || event === GatewayDispatchEvents.ChannelDelete;
      if (voiceChange && guildId && this.s.data.guilds.has(guildId)) {
        for (const e of this.s.guilds.get(guildId).scheduledEvents.values()) this.track(e);
      }
    });
  }

  /** Re-reads whether an event's channel is empty; call after its status or channel changes. */
  track(event: ScheduledEventRecord, now = this.s.clock.now()): void {
    const watched = event.status === Status.Active && event.entityType !== Entity.External && event.channelId;
    if (!watched || this.occupants(event.channelId!) > 0) this.emptySince.delete(event.id);
    else if (!this.emptySince.has(event.id)) this.emptySince.set(event.id, now);
  }

  /** Forgets a deleted event. */
  forget(eventId: string): void {
    this.emptySince.delete(eventId);
  }

  /** The statuses Discord would have moved the event through by `now`, in order. */
  due(event: ScheduledEventRecord, now: number): Status[] {
    const start = Date.parse(event.scheduledStartTime);
    const end = event.scheduledEndTime ? Date.parse(event.scheduledEndTime) : undefined;
    if (event.entityType === Entity.External) {
      const steps: Status[] = [];
      if (event.status === Status.Scheduled && start <= now) steps.push(Status.Active);
      const active = event.status === Status.Active || steps.length > 0;
      if (active && end !== undefined && end <= now) steps.push(Status.Completed);
      return steps;
    }
    if (event.status === Status.Scheduled && now >= start + this.timings.cancelUnstartedAfterMs)
      return [Status.Canceled];
    const emptySince = this.emptySince.get(event.id);
    if (
      event.status === Status.Active &&
      emptySince !== undefined &&
      now - emptySince >= this.timings.completeEmptyAfterMs
    )
      return [Status.Completed];
    return [];
  }

  /** A deleted channel counts as empty. */
  private occupants(channelId: string): number {
    return this.s.channels.find(channelId) ? this.s.voice.inChannel(channelId).length : 0;
  }
}
