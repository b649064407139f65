import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import type { Vars, MessageKey } from '../../shared/i18n/index.js';
import { UserError } from './user-error.js';
import { isDomainError } from '../../shared/errors.js';

/** What to tell the user about an error: an i18n key, its variables, and whether it is the bot's fault. */
export interface UserMessage {
  key: MessageKey;
  vars?: Vars;
  /** True when it is an expected outcome (log at info), false for a fault (log at error). */
  expected: boolean;
}

const UNKNOWN_TARGET_CODES = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.UnknownMember,
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownRole,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.UnknownInvite,
  RESTJSONErrorCodes.UnknownGuildScheduledEvent,
]);

const DM_CLOSED_CODES = new Set<number>([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

/**
 * Turns any error thrown by a handler into a user message (Sapphire's one error listener):
 * UserError as written; Discord's API errors by JSON code (50013 missing permission, 50007 DMs
 * closed, unknown targets, 50035 invalid form body); 429 and 5xx by status; anything else generic.
 */
export function userMessageFor(error: unknown): UserMessage {
  if (error instanceof UserError) return { key: error.key, vars: error.vars, expected: true };
  // Its text needs the locale (field issues are listed), so the boundary words it; here it is expected.
  if (isDomainError(error)) return { key: error.i18nKey, vars: error.vars, expected: true };
  if (error instanceof RateLimitError) {
    return {
      key: 'error.rateLimited',
      vars: { seconds: Math.max(1, Math.ceil(error.retryAfter / 1000)) },
      expected: true,
    };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    if (code === RESTJSONErrorCodes.MissingPermissions || code === RESTJSONErrorCodes.MissingAccess) {
      return { key: 'bot.error.missingPermission', expected: true };
    }
    if (DM_CLOSED_CODES.has(code)) return { key: 'bot.error.dmClosed', expected: true };
    if (UNKNOWN_TARGET_CODES.has(code)) return { key: 'bot.error.unknownTarget', expected: true };
    if (code === RESTJSONErrorCodes.InvalidFormBodyOrContentType)
      return { key: 'bot.error.invalidContent', expected: false };
    if (error.status === 429) return { key: 'error.rateLimited', vars: { seconds: 5 }, expected: true };
    if (error.status >= 500) return { key: 'bot.error.discordUnavailable', expected: false };
  }
  if (error instanceof HTTPError && error.status >= 500)
    return { key: 'bot.error.discordUnavailable', expected: false };
  return { key: 'error.generic', expected: false };
}
