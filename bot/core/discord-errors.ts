import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

/** The Discord JSON error code of `error`, or undefined for anything else. */
export function discordCode(error: unknown): number | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  return typeof error.code === 'number' ? error.code : Number(error.code);
}

/** True when Discord refused a DM (50007: DMs closed, or no mutual guild). */
export function isDmClosed(error: unknown): boolean {
  const code = discordCode(error);
  return (
    code === RESTJSONErrorCodes.CannotSendMessagesToThisUser ||
    code === RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds
  );
}

/** True when the bot lacks a permission or access (50013 / 50001). */
export function isMissingPermission(error: unknown): boolean {
  const code = discordCode(error);
  return code === RESTJSONErrorCodes.MissingPermissions || code === RESTJSONErrorCodes.MissingAccess;
}

/** True when the member (or user) is gone (10007 Unknown Member / 10013 Unknown User). */
export function isUnknownMember(error: unknown): boolean {
  const code = discordCode(error);
  return code === RESTJSONErrorCodes.UnknownMember || code === RESTJSONErrorCodes.UnknownUser;
}
