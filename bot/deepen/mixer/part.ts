import type { BotFeature } from '../../core/feature.js';
import { createMixerServices, type MixerServices } from '../../../shared/deepen/mixer/services.js';
import { mixerPart as mixerDataPart } from '../../../shared/deepen/mixer/personal-data.js';
import { mixer } from './commands/mixer.js';
import { mixerControl } from './components/mixer-control.js';
import { mixerFeedback } from './components/mixer-feedback.js';
import { mixerRoom } from './components/mixer-room.js';
import { mixerMemberLeave, mixerVoice } from './events/mixer-voice.js';
import { mixerReconcileOnGuild, mixerReconcileOnReady } from './events/mixer-reconcile.js';
import { defineMixerJobHandlers } from './flows/job-handlers.js';

declare module '../../context.js' {
  interface BotServices {
    mixer: MixerServices;
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
  events: [mixerVoice, mixerMemberLeave, mixerReconcileOnReady, mixerReconcileOnGuild],
  services: (deps) => ({ mixer: createMixerServices(deps) }),
  personalData: [mixerDataPart],
  defineJobs: defineMixerJobHandlers,
};
