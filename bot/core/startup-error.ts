import { DiscordjsErrorCodes, GatewayCloseCodes } from 'discord.js';
import { PRIVILEGED_INTENTS } from '../client.js';

export type StartupErrorKind = 'disallowed-intent' | 'invalid-intent' | 'invalid-token' | 'gateway';

/** Start-up failed for a reason the operator must fix; `message` says what and where. */
export class StartupError extends Error {
  constructor(
    readonly kind: StartupErrorKind,
    message: string,
    /** For disallowed-intent: the intent's name (GuildMembers). */
    readonly subject?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/**
 * Explains a failed login. Discord closes the gateway with 4014 when the application has not
 * enabled a privileged intent the bot asks for; GuildMembers is the only one Tsunagu uses.
 */
export function explainLoginFailure(error: unknown, closeCodes: readonly number[]): StartupError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (closeCodes.includes(GatewayCloseCodes.DisallowedIntents) || message === 'Used disallowed intents') {
    const [intent, portalName] = Object.entries(PRIVILEGED_INTENTS)[0] as [string, string];
    return new StartupError(
      'disallowed-intent',
      `Discord refused the gateway connection (close code 4014, disallowed intents): the privileged intent ` +
        `"${portalName}" (${intent}) is not enabled for this application. Enable it in the Discord Developer ` +
        `Portal → your application → Bot → Privileged Gateway Intents, then restart Tsunagu.`,
      intent,
      { cause: error },
    );
  }
  if (closeCodes.includes(GatewayCloseCodes.InvalidIntents) || message === 'Used invalid intents') {
    return new StartupError(
      'invalid-intent',
      'Discord rejected the intents bitfield (close code 4013).',
      undefined,
      {
        cause: error,
      },
    );
  }
  if (
    closeCodes.includes(GatewayCloseCodes.AuthenticationFailed) ||
    code === DiscordjsErrorCodes.TokenInvalid ||
    message === 'Authentication failed'
  ) {
    return new StartupError(
      'invalid-token',
      'Discord rejected the bot token. Copy it again from the Developer Portal → your application → Bot → Reset Token, and set DISCORD_TOKEN.',
      undefined,
      { cause: error },
    );
  }
  return new StartupError('gateway', `Could not connect to Discord: ${message}`, undefined, { cause: error });
}
