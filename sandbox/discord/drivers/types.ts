/** The drivers' shared vocabulary: their error and the options every person-action takes. */

/** A driver was asked to do something a person could not do in the Discord client. */
export class DriverError extends Error {
  override name = 'DriverError';
}

export interface ActOptions {
  /** The person's client locale (default: the user's locale, else the guild's, else en-US). */
  locale?: string;
}

/** Slash-command option values by name; a `subcommand` may be named as "group sub" in the command name. */
export type SlashOptions = Record<string, string | number | boolean>;
