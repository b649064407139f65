import { once } from 'node:events';
import { Events, type Client, type CloseEvent } from 'discord.js';
import type { Agenda } from 'agenda';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { connectMongoose, disconnectMongoose } from '../shared/db/connect.js';
import { healthService } from '../shared/health/index.js';
import { createClient, type CreateClientOptions } from './client.js';
import { defaultGuildHooks, i18n, type BotContext, type BotServices, type GuildHooks } from './context.js';
import { registerEvents } from './bot.js';
import { commands as defaultCommands } from './commands/index.js';
import { buildCommandRegistry } from './commands/registry.js';
import type { Command } from './commands/types.js';
import { componentFamilies as defaultComponents } from './components/index.js';
import { buildComponentRegistry } from './components/router.js';
import type { ComponentFamily } from './components/types.js';
import { events as defaultEvents } from './events/index.js';
import type { BotEvent } from './events/types.js';
import { checkAllGuilds } from './startup-checks.js';
import { cacheVoiceMembers } from './voice-members.js';
import { explainLoginFailure, StartupError } from './startup-error.js';
import { packageVersion } from './version.js';
import { connectServices } from './features/connect/services.js';
import { connectGuildHooks } from './features/connect/guild-hooks.js';
import { defineRelayJob } from './features/connect/relay-job.js';

export interface StartBotDeps {
  /** Bot token (production: DISCORD_TOKEN; sandbox and tests: the emulator's). */
  token: string;
  config: Config;
  logger: Logger;
  /** discord.js REST base without version (`http://127.0.0.1:PORT/api` for the emulator); default Discord. */
  restApi?: string;
  /**
   * When given, startBot connects mongoose to it and disconnects on stop. When omitted, the caller
   * owns mongoose's default connection (the one-process sandbox shares it with the dashboard).
   */
  database?: { uri: string; dbName?: string };
  /** Overrides for services; health defaults to shared/health. */
  services?: Partial<BotServices>;
  /** Guild-settings hooks (locale, roles to grant); default: none configured. */
  guilds?: Partial<GuildHooks>;
  /** Replace the registries (tests add throwing or modal-opening handlers). */
  commands?: readonly Command[];
  components?: readonly ComponentFamily[];
  events?: readonly BotEvent[];
  /** The worker's scheduler: stopped with the bot. startBot does not start it. */
  agenda?: Agenda;
  version?: string;
  client?: CreateClientOptions;
}

export interface RunningBot {
  client: Client<true>;
  ctx: BotContext;
  /** Destroys the client, stops agenda if given, disconnects the database if startBot connected it. */
  stop(): Promise<void>;
}

/**
 * Starts the bot: connects the database (if asked), logs in, waits for READY and every guild,
 * runs the start-up checks (recorded for the dashboard) and resolves. A login Discord refuses for
 * a reason the operator must fix (privileged intent, token) rejects with one StartupError, logged once.
 */
export async function startBot(deps: StartBotDeps): Promise<RunningBot> {
  const logger = deps.logger;
  if (deps.database) await connectMongoose(deps.database.uri, deps.database.dbName);
  const ctx: BotContext = {
    logger,
    config: deps.config,
    version: deps.version ?? packageVersion(),
    services: { health: healthService, connect: connectServices, ...deps.services },
    guilds: { ...defaultGuildHooks, ...connectGuildHooks, ...deps.guilds },
    i18n,
    commands: buildCommandRegistry(deps.commands ?? defaultCommands),
    components: buildComponentRegistry(deps.components ?? defaultComponents),
    ...(deps.agenda ? { agenda: deps.agenda } : {}),
  };
  const client = createClient({ ...deps.client, ...(deps.restApi ? { restApi: deps.restApi } : {}) });
  registerEvents(client, deps.events ?? defaultEvents, ctx);
  // Defined before the caller starts agenda, so due relay checks find their handler.
  if (deps.agenda) defineRelayJob(deps.agenda, ctx, client);
  client.rest.on('rateLimited', (info) =>
    logger.debug(
      { route: info.route, retryAfter: info.retryAfter },
      'Discord rate limit: waiting before retrying',
    ),
  );

  const stop = async () => {
    await client.destroy();
    await deps.agenda?.stop();
    if (deps.database) await disconnectMongoose();
  };

  try {
    await loginAndWaitForReady(client, deps.token);
  } catch (error) {
    const failure = error instanceof StartupError ? error : explainLoginFailure(error, []);
    logger.fatal({ kind: failure.kind }, failure.message);
    await recordStartupFailure(failure, ctx);
    await stop();
    throw failure;
  }

  const ready = client as Client<true>;
  await ctx.services.health.recordGlobalHealth([], { botUserId: ready.user.id });
  await checkAllGuilds(ready, ctx);
  await Promise.all(ready.guilds.cache.map((guild) => cacheVoiceMembers(guild)));
  return { client: ready, ctx, stop };
}

/** Logs in and waits for ClientReady, turning gateway refusals into a StartupError. */
async function loginAndWaitForReady(client: Client, token: string): Promise<void> {
  const closeCodes: number[] = [];
  const onDisconnect = (event: CloseEvent) => closeCodes.push(event.code);
  client.on(Events.ShardDisconnect, onDisconnect);
  const abort = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: abort.signal });
  ready.catch(() => undefined); // aborted when login fails; the login error is the one that matters
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    abort.abort();
    throw explainLoginFailure(error, closeCodes);
  } finally {
    client.off(Events.ShardDisconnect, onDisconnect);
  }
}

async function recordStartupFailure(failure: StartupError, ctx: BotContext): Promise<void> {
  const problem =
    failure.kind === 'disallowed-intent'
      ? {
          kind: 'disallowed-intent' as const,
          subject: failure.subject ?? 'GuildMembers',
          detail: failure.message,
        }
      : { kind: 'startup-failed' as const, subject: failure.kind, detail: failure.message };
  try {
    await ctx.services.health.recordGlobalHealth([problem]);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not record the start-up failure for the dashboard');
  }
}
