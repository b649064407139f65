/**
 * Discord's error shape `{ message, code, errors? }` and the codes the emulator answers with.
 * Route handlers throw `DiscordApiError`; the HTTP layer turns it into the response.
 */

/** A nested `errors` tree as Discord sends it for 50035 Invalid Form Body. */
export interface FormErrorTree {
  [key: string]: FormErrorTree | { code: string; message: string }[];
}

export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FormErrorTree,
  ) {
    super(message);
    this.name = 'DiscordApiError';
  }

  /** The JSON body Discord would send. */
  toJSON(): { message: string; code: number; errors?: FormErrorTree } {
    return this.errors
      ? { message: this.message, code: this.code, errors: this.errors }
      : { message: this.message, code: this.code };
  }
}

const unknown = (code: number, what: string) => () => new DiscordApiError(404, code, `Unknown ${what}`);

/** Factories for the errors Discord returns, named after Discord's messages. */
export const Errors = {
  unauthorized: () => new DiscordApiError(401, 0, '401: Unauthorized'),
  notFound: () => new DiscordApiError(404, 0, '404: Not Found'),
  methodNotAllowed: () => new DiscordApiError(405, 0, '405: Method Not Allowed'),
  unknownAccount: unknown(10001, 'Account'),
  unknownApplication: unknown(10002, 'Application'),
  unknownChannel: unknown(10003, 'Channel'),
  unknownGuild: unknown(10004, 'Guild'),
  unknownInvite: unknown(10006, 'Invite'),
  unknownMember: unknown(10007, 'Member'),
  unknownMessage: unknown(10008, 'Message'),
  unknownOverwrite: unknown(10009, 'Overwrite'),
  unknownRole: unknown(10011, 'Role'),
  unknownToken: unknown(10012, 'Token'),
  unknownUser: unknown(10013, 'User'),
  unknownWebhook: unknown(10015, 'Webhook'),
  unknownInteraction: unknown(10062, 'interaction'),
  unknownApplicationCommand: unknown(10063, 'application command'),
  unknownGuildScheduledEvent: unknown(10070, 'Guild Scheduled Event'),
  unknownGuildScheduledEventUser: unknown(10071, 'Guild Scheduled Event User'),
  missingAccess: () => new DiscordApiError(403, 50001, 'Missing Access'),
  cannotSendEmptyMessage: () => new DiscordApiError(400, 50006, 'Cannot send an empty message'),
  cannotSendToUser: () => new DiscordApiError(403, 50007, 'Cannot send messages to this user'),
  cannotEditOthersMessage: () =>
    new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user'),
  missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
  invalidFormBody: (errors: FormErrorTree) => new DiscordApiError(400, 50035, 'Invalid Form Body', errors),
  targetNotInVoice: () => new DiscordApiError(400, 40032, 'Target user is not connected to voice.'),
  interactionAlreadyAcknowledged: () =>
    new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  unsupported: (what: string) =>
    new DiscordApiError(501, 0, `501: Not Implemented by the Tsunagu Discord emulator: ${what}`),
};

/** Builds a one-field 50035 error, e.g. `formError(['embeds', 0, 'title'], 'BASE_TYPE_MAX_LENGTH', '...')`. */
export function formError(path: (string | number)[], code: string, message: string): DiscordApiError {
  return Errors.invalidFormBody(errorTree([{ path, code, message }]));
}

/** Merges flat `{ path, code, message }` issues into Discord's nested `errors` tree (`_errors` leaves). */
export function errorTree(
  issues: { path: (string | number)[]; code: string; message: string }[],
): FormErrorTree {
  const root: FormErrorTree = {};
  for (const issue of issues) {
    let node: FormErrorTree = root;
    for (const key of issue.path) {
      const k = String(key);
      const next = node[k];
      if (!next || Array.isArray(next)) node[k] = {};
      node = node[k] as FormErrorTree;
    }
    const leaf = (node._errors as { code: string; message: string }[] | undefined) ?? [];
    leaf.push({ code: issue.code, message: issue.message });
    node._errors = leaf;
  }
  return root;
}
