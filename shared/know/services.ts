/** The Know step's services (profiles, the intro relay, drafts, the bot's messages naming people), built once per process. */
import type { ServiceDeps } from '../kernel/services.js';
import * as profiles from './profile.service.js';
import * as relay from './relay.service.js';
import * as drafts from './intro-draft.service.js';
import {
  forgetErasedMessages,
  forgetPostedMessage,
  recordPostedMessage,
} from '../kernel/personal-data-messages.js';

/** The Know services; `deps` is taken so every slice factory has the same shape. */
export function createKnowServices(_deps: ServiceDeps) {
  return {
    profiles,
    relay,
    drafts,
    postedMessages: {
      record: recordPostedMessage,
      forget: forgetPostedMessage,
      forgetErased: forgetErasedMessages,
    },
  };
}
export type KnowServices = ReturnType<typeof createKnowServices>;
