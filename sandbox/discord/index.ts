/**
 * Tsunagu's Discord emulator: REST under /api/v10, the Gateway (JSON, no compression) and a
 * state model, on 127.0.0.1, for the real discord.js Client. See README.md in this folder.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
import { EmulatorPersistence, restoreSnapshot, type EmulatorIdentity } from './state/persist.js';

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
  /**
   * Directory that keeps the whole state across restarts (created if missing; see state/persist.ts):
   * the same guilds, ids, messages, bot token and OAuth2 client after a restart. Unset: memory only.
   */
  dataDir?: string;
  /** With `dataDir`: start empty, deleting the emulator's saved state there first. */
  reset?: boolean;
  /** With `dataDir`: ms between a change and its snapshot (default 1000). */
  saveDelayMs?: number;
}

export interface DiscordEmulator extends EmulatorContext {
  port: number;
  router: Router;
  /** True when the state was loaded from `dataDir` (nothing needs seeding). */
  restored: boolean;
  /** With `dataDir`: writes the pending snapshot now (resolves once it is on disk). */
  save(): Promise<void>;
  /** Closes every gateway socket and the HTTP server (and, with `dataDir`, saves the state first). */
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
  const persistence = options.dataDir
    ? await EmulatorPersistence.open({
        dataDir: options.dataDir,
        reset: options.reset,
        delayMs: options.saveDelayMs,
        logger,
      })
    : undefined;
  const saved = persistence?.saved ? restoreSnapshot(state, persistence.saved) : undefined;
  const botUser = saved
    ? state.users.get(saved.botUserId)
    : state.users.create({ username: options.botUsername ?? 'Tsunagu', bot: true });
  const ownerId = saved?.ownerId ?? state.users.create({ username: 'app-owner', globalName: 'App Owner' }).id;
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
    clientSecret: saved?.clientSecret ?? randomBytes(24).toString('base64url'),
    verifyKey: saved?.verifyKey ?? randomBytes(32).toString('hex'),
    name: options.applicationName ?? 'Tsunagu',
    description: 'Tsunagu (emulated application)',
    ownerId,
    flags: applicationFlags(intents),
    intents,
    redirectUris: options.redirectUris ?? [],
  };
  const botToken =
    saved?.botToken ??
    `${Buffer.from(botUser.id).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
  const router = new Router();
  for (const register of [...coreModules, ...pluginModules, ...(options.modules ?? [])]) register(router);

  let ctx: EmulatorContext | undefined;
  const server = createHttpServer(router, () => ctx!);
  if (persistence) {
    const identity: EmulatorIdentity = {
      botUserId: botUser.id,
      ownerId,
      applicationId: application.id,
      clientSecret: application.clientSecret,
      verifyKey: application.verifyKey,
      botToken,
    };
    persistence.attach(state, identity);
    // Every call that may change something (REST writes, OAuth2 grants, control-API actions) is
    // saved, including those that announce nothing on the gateway.
    // A handler may change the state after awaiting (a driver waits for the bot), hence also on finish.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'GET' || req.method === 'HEAD') return;
      persistence.changed();
      res.once('finish', () => persistence.changed());
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  }).catch(async (error: unknown) => {
    await persistence?.close();
    throw error;
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
    restored: saved !== undefined,
    save: async () => {
      persistence?.changed();
      await persistence?.flush();
    },
    async stop() {
      state.clock.stop();
      await gateway.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await persistence?.close();
    },
  };
  // Handlers see the same object the caller holds.
  ctx = emulator;
  return emulator;
}
