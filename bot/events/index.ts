import type { BotEvent } from './types.js';
import { ready } from './ready.js';
import { interactionCreate } from './interaction-create.js';
import { guildCreate } from './guild-create.js';
import { guildDelete } from './guild-delete.js';
import { roleUpdate } from './role-update.js';
import { botMemberUpdate } from './bot-member-update.js';
import { clientError, clientWarn, shardError } from './diagnostics.js';
import { guildMemberAdd } from './guild-member-add.js';
import { guildMemberRemove } from './guild-member-remove.js';
import { inviteCreate } from './invite-create.js';
import { inviteDelete } from './invite-delete.js';
import { inviteSnapshotOnGuildCreate, inviteSnapshotOnReady } from '../features/connect/invite-events.js';

/**
 * Every gateway event handler, explicitly: add one by writing `events/<event>.ts` with
 * `defineEvent({ name, once?, execute })` and listing it here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry keeps its own typed K via defineEvent
export const events: readonly BotEvent<any>[] = [
  ready,
  interactionCreate,
  guildCreate,
  guildDelete,
  roleUpdate,
  botMemberUpdate,
  clientError,
  clientWarn,
  shardError,
  // Connect & Know
  guildMemberAdd,
  guildMemberRemove,
  inviteCreate,
  inviteDelete,
  inviteSnapshotOnReady,
  inviteSnapshotOnGuildCreate,
];
