/**
 * Tsunagu's Discord emulator: REST under /api/v10, the Gateway (JSON, no compression) and a
 * state model, on 127.0.0.1, for the real discord.js Client. See README.md in this folder.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApplicationFlags, type APIUser } from 'discord-api-types/v10';
import { createLogger, type Logger } from '../../shared/logger.js';
import type { EmulatorApplication, EmulatorContext, PrivilegedIntents } from './context.js';
import { GatewayServer } from './gateway/server.js';
import type { GuildCreateMembersMode } from './gateway/guild-create.js';
import { createHttpServer } from './http.js';
import { pluginModules } from './plugins.js';
import { RateLimiter, type RateLimitOptions, type RateLimitProfileName } from './rate-limits.js';
import { coreModules, type RouteModule } from './rest/index.js';
import { Router } from './router.js';
import type { ScheduledEventTimings } from './state/scheduled-event-automation.js';
import { DiscordState } from './state/state.js';

export type { EmulatorApplication, EmulatorContext, PrivilegedIntents } from './context.js';
export type { RouteModule } from './rest/index.js';
export { Router } from './router.js';
export type { RouteHandler, RouteOptions, RouteRequest, RouteResponse, RequestAuth } from './router.js';
export { DiscordApiError, Errors, formError, errorTree } from './errors.js';
export { DiscordState } from './state/state.js';
export { EmulatorClock } from './clock.js';
export type { ScheduledEventTimings } from './state/scheduled-event-automation.js';
export { compareSnowflakes, snowflake, snowflakeTime } from './snowflake.js';
export { seedGuild, type SeedGuildOptions, type SeededGuild } from './state/seed.js';
export { REALISTIC_PROFILE } from './rate-limit-profiles.js';
export type { RateLimitProfile, RateLimitProfileName, ProfileBucket } from './rate-limit-profiles.js';

export interface DiscordEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Privileged intents switched on for the application. Default: guildMembers only. */
  intents?: Partial<PrivilegedIntents>;
  /** Default: pino at 'warn' (unsupported routes and features are logged as warnings/errors). */
  logger?: Logger;
  /** Optional per-route limits (off by default); `emu.rateLimits.forceNext()` works either way. */
  rateLimits?: RateLimitOptions;
  /** 'realistic': Discord's buckets a voice-mixer bot meets (see rate-limit-profiles.ts); default 'off'. */
  rateLimitProfile?: RateLimitProfileName;
  /** HELLO heartbeat interval. Default 41250 ms. */
  heartbeatIntervalMs?: number;
  /** 'discord' (default): GUILD_CREATE members follow Discord's rules; 'all': every member with GuildMembers. */
  guildCreateMembers?: GuildCreateMembersMode;
  /** Extra route modules registered after the core and plugin modules. */
  modules?: RouteModule[];
  botUsername?: string;
  applicationName?: string;
  /** OAuth2 redirect URIs registered for the application (`application.redirectUris`; empty = any loopback URI). */
  redirectUris?: string[];
  /** Scheduled-event automation delays (Discord documents only "minutes" / "hours"). */
  scheduledEvents?: Partial<ScheduledEventTimings>;
  /** Real-time tick of `state.clock` in ms (scheduled-event automation); 0 = only on `advance()`. Default 1000. */
  clockTickMs?: number;
}

export interface DiscordEmulator extends EmulatorContext {
  port: number;
  router: Router;
  /** Closes every gateway socket and the HTTP server. */
  stop(): Promise<void>;
}

function applicationFlags(intents: PrivilegedIntents): number {
  let flags = 0;
  if (intents.guildMembers) flags |= ApplicationFlags.GatewayGuildMembers;
  if (intents.presences) flags |= ApplicationFlags.GatewayPresence;
  if (intents.messageContent) flags |= ApplicationFlags.GatewayMessageContent;
  return flags;
}

/** Starts the emulator and resolves once it listens. */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger('warn', 'discord-emulator');
  const state = new DiscordState();
  state.scheduledEvents.configure(options.scheduledEvents ?? {});
  const botUser = state.users.create({ username: options.botUsername ?? 'Tsunagu', bot: true });
  const owner = state.users.create({ username: 'app-owner', globalName: 'App Owner' });
  state.botUserId = botUser.id;
  const intents: PrivilegedIntents = {
    guildMembers: true,
    presences: false,
    messageContent: false,
    ...options.intents,
  };
  const application: EmulatorApplication = {
    id: botUser.id,
    clientId: botUser.id,
    clientSecret: randomBytes(24).toString('base64url'),
    verifyKey: randomBytes(32).toString('hex'),
    name: options.applicationName ?? 'Tsunagu',
    description: 'Tsunagu (emulated application)',
    ownerId: owner.id,
    flags: applicationFlags(intents),
    intents,
    redirectUris: options.redirectUris ?? [],
  };
  const botToken = `${Buffer.from(botUser.id).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
  const router = new Router();
  for (const register of [...coreModules, ...pluginModules, ...(options.modules ?? [])]) register(router);

  let ctx: EmulatorContext | undefined;
  const server = createHttpServer(router, () => ctx!);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host}:${port}`;
  const gatewayUrl = `ws://${host}:${port}`;
  const partial = { state, logger, botToken, botUser: { ...botUser } as APIUser, application, gatewayUrl };
  const gateway = new GatewayServer(partial, {
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    guildCreateMembers: options.guildCreateMembers,
  });
  state.onDispatch((event, data, guildId) => gateway.dispatch(event, data, guildId));
  state.clock.start(options.clockTickMs ?? 1000, (error) =>
    logger.error({ err: error }, 'clock tick failed'),
  );
  ctx = {
    ...partial,
    gateway,
    rateLimits: new RateLimiter(options.rateLimits, options.rateLimitProfile),
    baseUrl,
    restBase: `${baseUrl}/api`,
  };
  const emulator: DiscordEmulator = {
    ...ctx,
    port,
    router,
    async stop() {
      state.clock.stop();
      await gateway.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  // Handlers see the same object the caller holds.
  ctx = emulator;
  return emulator;
}
