import type { Command } from './types.js';
import { about } from './about.js';
import { relay } from './relay.js';
import { profile } from './profile.js';
import { setup } from './setup.js';
import { invite } from './invite.js';
import { rolepanel } from './rolepanel.js';

/**
 * Every slash command, explicitly (no folder scan): add a command by writing
 * `commands/<name>.ts` exporting a `Command` and listing it here.
 */
export const commands: readonly Command[] = [about, setup, relay, profile, invite, rolepanel];
