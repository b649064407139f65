import type { BotFeature } from '../core/feature.js';
import { createKnowServices, type KnowServices } from '../../shared/know/services.js';
import { relayPart } from '../../shared/know/personal-data.js';
import { introDraftPart } from '../../shared/know/intro-draft.service.js';
import { postedMessagesPart } from '../../shared/kernel/personal-data-messages.js';
import { profile } from './commands/profile.js';
import { relay } from './commands/relay.js';
import { introComponents } from './components/intro.js';
import { profileComponents } from './components/profile.js';
import { relayComponents } from './components/relay.js';
import { relayOnLeave } from './events/relay-on-leave.js';
import { relayOnJoin } from './events/relay-on-join.js';
import { defineRelayJob } from './flows/relay-job.js';
import { defineRelayNominateJob } from './flows/relay-nominate-job.js';

declare module '../context.js' {
  interface BotServices {
    know: KnowServices;
  }
}

/** Know (知る): self-introductions and the survey, profiles and their rights, the intro relay. */
export const knowFeature: BotFeature = {
  name: 'know',
  commands: [relay, profile],
  components: [introComponents, relayComponents, profileComponents],
  events: [relayOnLeave, relayOnJoin],
  services: (deps) => ({ know: createKnowServices(deps) }),
  personalData: [relayPart, introDraftPart, postedMessagesPart],
  rolesToGrant: (settings) => [settings.roles.introduced],
  defineJobs(agenda, ctx, client) {
    defineRelayJob(agenda, ctx, client);
    defineRelayNominateJob(agenda, ctx, client);
  },
};
