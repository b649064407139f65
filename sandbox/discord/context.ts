/**
 * What every route handler, driver and gateway piece receives: the state, the gateway and the
 * emulator's identity (application, bot user, token, URLs).
 */
import type { APIUser } from 'discord-api-types/v10';
import type { Logger } from '../../shared/logger.js';
import type { GatewayServer } from './gateway/server.js';
import type { RateLimiter } from './rate-limits.js';
import type { DiscordState } from './state/state.js';

/** Which privileged intents the (emulated) Developer Portal has switched on for the application. */
export interface PrivilegedIntents {
  guildMembers: boolean;
  presences: boolean;
  messageContent: boolean;
}

export interface EmulatorApplication {
  id: string;
  name: string;
  description: string;
  /** OAuth2 client id (= application id) and secret used by oauth2.ts. */
  clientId: string;
  clientSecret: string;
  /** Hex Ed25519-style public key placeholder (the emulator does not sign interactions). */
  verifyKey: string;
  ownerId: string;
  /** Application flags (GatewayGuildMembers/Presence/MessageContent set from `intents`). */
  flags: number;
  intents: PrivilegedIntents;
  /** Redirect URIs accepted by OAuth2 authorize; empty = any 127.0.0.1/localhost URI. */
  redirectUris: string[];
}

export interface EmulatorContext {
  state: DiscordState;
  gateway: GatewayServer;
  rateLimits: RateLimiter;
  logger: Logger;
  application: EmulatorApplication;
  botUser: APIUser;
  botToken: string;
  /** e.g. http://127.0.0.1:PORT */
  baseUrl: string;
  /** e.g. http://127.0.0.1:PORT/api — discord.js `rest.api` (it appends /v10). */
  restBase: string;
  /** e.g. ws://127.0.0.1:PORT */
  gatewayUrl: string;
}
