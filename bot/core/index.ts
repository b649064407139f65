import type { BotFeature } from './feature.js';
import { about } from './about/about.command.js';
import { aboutComponents } from './about/about.components.js';
import { ready } from './events/ready.js';
import { interactionCreate } from './events/interaction-create.js';
import { guildCreate } from './events/guild-create.js';
import { guildDelete } from './events/guild-delete.js';
import { roleUpdate } from './events/role-update.js';
import { botMemberUpdate } from './events/bot-member-update.js';
import { clientError, clientWarn, shardError } from './events/diagnostics.js';

/** The core: /about, interaction routing, guild lifecycle and start-up checks, diagnostics. */
export const coreFeature: BotFeature = {
  name: 'core',
  commands: [about],
  components: [aboutComponents],
  events: [
    ready,
    interactionCreate,
    guildCreate,
    guildDelete,
    roleUpdate,
    botMemberUpdate,
    clientError,
    clientWarn,
    shardError,
  ],
};
