import * as settings from '../../../shared/services/guild-settings.service.js';
import * as welcome from '../../../shared/services/welcome.service.js';
import * as profiles from '../../../shared/services/profile.service.js';
import * as relay from '../../../shared/services/relay.service.js';
import * as invites from '../../../shared/services/invite-tracking.service.js';
import * as rolePanels from '../../../shared/services/role-panel.service.js';
import * as personalData from '../../../shared/services/personal-data.service.js';
import type { BotContext } from '../../context.js';

/**
 * The domain services the Connect & Know adapters call, grouped by area. The composition root
 * puts this object in `ctx.services.connect`; tests may replace any area with a fake.
 */
export const connectServices = {
  settings,
  welcome,
  profiles,
  relay,
  invites,
  rolePanels,
  personalData,
  /** The clock relay nominations and checks use (tests move it forward by days). */
  now: (): Date => new Date(),
};
export type ConnectServices = typeof connectServices;

/** The Connect & Know services of a context (the shipped ones when the context has none). */
export function connect(ctx: BotContext): ConnectServices {
  return ctx.services.connect ?? connectServices;
}
