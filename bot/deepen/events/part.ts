import type { BotFeature } from '../../core/feature.js';
import { createEventsServices, type EventsServices } from '../../../shared/deepen/events/services.js';
import { eventsPart as eventsPersonalData } from '../../../shared/deepen/events/personal-data.js';
import { event } from './commands/event.js';
import { eventComponents } from './components/event.js';
import { interestedAdd, interestedOnReady, interestedRemove } from './events/interested.js';
import { lobbyVoice } from './events/lobby-voice.js';
import { lobbyDeleted } from './events/lobby-deleted.js';
import { organiserLeft } from './events/organiser-left.js';
import {
  voiceChannelCreated,
  voiceChannelDeleted,
  voiceChannelUpdated,
  voiceChannelsOnAvailable,
  voiceChannelsOnJoin,
  voiceChannelsOnLeave,
  voiceChannelsOnReady,
} from './events/voice-channels.js';
import { defineEventJobsFor } from './flows/jobs.js';

declare module '../../context.js' {
  interface BotServices {
    deepenEvents: EventsServices;
  }
}

/** Deepen's events part (combined into the slice's descriptor by bot/deepen/index.ts). */
export const eventsPart: BotFeature = {
  name: 'deepen.events',
  commands: [event],
  components: [eventComponents],
  events: [
    lobbyVoice,
    interestedAdd,
    interestedRemove,
    interestedOnReady,
    lobbyDeleted,
    organiserLeft,
    voiceChannelsOnReady,
    voiceChannelsOnJoin,
    voiceChannelsOnAvailable,
    voiceChannelsOnLeave,
    voiceChannelCreated,
    voiceChannelUpdated,
    voiceChannelDeleted,
  ],
  services: (deps) => ({ deepenEvents: createEventsServices(deps) }),
  personalData: [eventsPersonalData],
  defineJobs: defineEventJobsFor,
};
