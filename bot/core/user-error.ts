import type { MessageKey, Vars } from '../../shared/i18n/index.js';

/**
 * An error meant for the person who clicked: the boundary shows `key` (an i18n key) translated,
 * as an ephemeral message, and logs it at info level only (nothing went wrong in the bot).
 */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly vars: Vars = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}
