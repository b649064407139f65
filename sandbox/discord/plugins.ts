/**
 * Route modules owned by the interactions/OAuth2 side of the emulator (applications, interactions,
 * webhooks, oauth2, control API, Discord view). Each exports `register(router)`; add it here and every
 * startDiscordEmulator() serves it. Core modules are listed in rest/index.ts.
 */
import { register as registerControlApi } from './control-api.js';
import { register as registerOAuth2 } from './oauth2.js';
import { register as registerApplications } from './rest/applications.js';
import { register as registerInteractions } from './rest/interactions.js';
import { register as registerWebhooks } from './rest/webhooks.js';
import type { RouteModule } from './rest/index.js';
import { register as registerView } from './view/index.js';

export const pluginModules: RouteModule[] = [
  registerApplications,
  registerInteractions,
  registerWebhooks,
  registerOAuth2,
  registerControlApi,
  registerView,
];
