/** The Connect step's services (welcome, invite tracking, personal invites, role panels), built once per process. */
import type { ServiceDeps } from '../kernel/services.js';
import * as welcome from './welcome.service.js';
import * as invites from './invite-tracking.service.js';
import * as rolePanels from './role-panel.service.js';
import * as personalInvites from './personal-invite.service.js';
import { resolveCohortLabel } from './invite-labels.js';

/** The Connect services; `deps` is taken so every slice factory has the same shape. */
export function createConnectServices(_deps: ServiceDeps) {
  return { welcome, invites: { ...invites, resolveCohortLabel }, rolePanels, personalInvites };
}
export type ConnectServices = ReturnType<typeof createConnectServices>;
