/**
 * The core REST modules. A module is a function that registers its routes on the router;
 * handlers reach the state, gateway and identity through `req.emu`.
 */
import type { Router } from '../router.js';
import { registerChannelRoutes } from './channels.js';
import { registerGatewayRoutes } from './gateway.js';
import { registerGuildRoutes } from './guilds.js';
import { registerInviteRoutes } from './invites.js';
import { registerMemberRoutes } from './members.js';
import { registerMessageRoutes } from './messages.js';
import { registerRoleRoutes } from './roles.js';
import { registerScheduledEventRoutes } from './scheduled-events.js';
import { registerUserRoutes } from './users.js';
import { registerVoiceRoutes } from './voice.js';

export type RouteModule = (router: Router) => void;

export const coreModules: RouteModule[] = [
  registerGatewayRoutes,
  registerUserRoutes,
  registerGuildRoutes,
  registerChannelRoutes,
  registerMessageRoutes,
  registerRoleRoutes,
  registerMemberRoutes,
  registerInviteRoutes,
  registerScheduledEventRoutes,
  registerVoiceRoutes,
];
