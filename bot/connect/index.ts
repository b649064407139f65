import type { BotFeature } from '../core/feature.js';
import { createConnectServices, type ConnectServices } from '../../shared/connect/services.js';
import { invitesPart } from '../../shared/connect/personal-data.js';
import { setup } from './commands/setup.js';
import { invite } from './commands/invite.js';
import { rolepanel } from './commands/rolepanel.js';
import { rolePanelComponents } from './components/rolepanel.js';
import { personalInviteComponents } from './components/personal-invite.js';
import { guildMemberAdd } from './events/guild-member-add.js';
import { guildMemberRemove } from './events/guild-member-remove.js';
import { inviteCreate } from './events/invite-create.js';
import { inviteDelete } from './events/invite-delete.js';
import { inviteSnapshotOnGuildCreate, inviteSnapshotOnReady } from './events/invite-snapshot.js';

declare module '../context.js' {
  interface BotServices {
    connect: ConnectServices;
  }
}

/** Connect (つながる): /setup, welcome and roles on join, role panels, invite tracking, personal invites. */
export const connectFeature: BotFeature = {
  name: 'connect',
  commands: [setup, invite, rolepanel],
  components: [rolePanelComponents, personalInviteComponents],
  events: [
    guildMemberAdd,
    guildMemberRemove,
    inviteCreate,
    inviteDelete,
    inviteSnapshotOnReady,
    inviteSnapshotOnGuildCreate,
  ],
  services: (deps) => ({ connect: createConnectServices(deps) }),
  personalData: [invitesPart],
  rolesToGrant: (settings) => [settings.roles.alumni, settings.roles.newcomer],
};
