/** The Connect step's services (welcome, invite tracking, role panels), built once per process. */
import type { ServiceDeps } from '../kernel/services.js';
import * as welcome from './welcome.service.js';
import * as invites from './invite-tracking.service.js';
import * as rolePanels from './role-panel.service.js';

/** The Connect services; `deps` is taken so every slice factory has the same shape. */
export function createConnectServices(_deps: ServiceDeps) {
  return { welcome, invites, rolePanels };
}
export type ConnectServices = ReturnType<typeof createConnectServices>;
