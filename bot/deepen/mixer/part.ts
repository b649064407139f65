import type { BotFeature } from '../../core/feature.js';
import { createMixerServices, type MixerServices } from '../../../shared/deepen/mixer/services.js';
import { mixerPart as mixerDataPart } from '../../../shared/deepen/mixer/personal-data.js';
import { mixer } from './commands/mixer.js';
import { mixerControl } from './components/mixer-control.js';
import { mixerFeedback } from './components/mixer-feedback.js';
import { mixerRoom } from './components/mixer-room.js';
import { mixerMemberLeave, mixerVoice } from './events/mixer-voice.js';
import { mixerReconcileOnAvailable, mixerReconcileOnGuild } from './events/mixer-reconcile.js';
import { defineMixerJobHandlers } from './flows/job-handlers.js';
import { handOffHeldRuns } from './flows/hand-off.js';
import {
  mixerIndexOnAvailable,
  mixerIndexOnChannelCreate,
  mixerIndexOnGuild,
  mixerIndexOnReady,
  mixerIndexOnRoleCreate,
} from './events/mixer-index.js';
import { MixerChannelIndex } from './flows/channel-index.js';

declare module '../../context.js' {
  interface BotServices {
    mixer: MixerServices;
    /** Running mixers' channels per guild, in memory (optional: contexts built by hand get one on first use). */
    mixerChannels?: MixerChannelIndex;
  }
}

/**
 * Deepen's mixer part (combined into the slice's descriptor by bot/deepen/index.ts): themed
 * small-group voice mixers with breakout rooms, rounds, prompts, feedback; restart-safe.
 */
export const mixerPart: BotFeature = {
  name: 'deepen.mixer',
  commands: [mixer],
  components: [mixerControl, mixerRoom, mixerFeedback],
  events: [
    mixerVoice,
    mixerMemberLeave,
    mixerReconcileOnGuild,
    mixerReconcileOnAvailable,
    mixerIndexOnReady,
    mixerIndexOnGuild,
    mixerIndexOnAvailable,
    mixerIndexOnChannelCreate,
    mixerIndexOnRoleCreate,
  ],
  services: (deps) => {
    const mixer = createMixerServices(deps);
    return { mixer, mixerChannels: new MixerChannelIndex((guildId) => mixer.runs.runningRuns(guildId)) };
  },
  personalData: [mixerDataPart],
  defineJobs: defineMixerJobHandlers,
  // Runs cut mid-drive by the stop get a resume elsewhere (flows/hand-off.ts).
  stop: handOffHeldRuns,
};
