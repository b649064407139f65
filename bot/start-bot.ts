import { once } from 'node:events';
import { Events, type Client, type CloseEvent } from 'discord.js';
import type { Agenda } from 'agenda';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { connectMongoose, disconnectMongoose } from '../shared/db/connect.js';
import { logJobFailures } from '../shared/db/agenda.js';
import { healthService } from '../shared/health/index.js';
import { createClient, type CreateClientOptions } from './client.js';
import { i18n, type BotContext, type BotServices, type GuildHooks } from './context.js';
import { registerEvents } from './core/register-events.js';
import { buildCommandRegistry } from './core/command-registry.js';
import type { Command } from './core/command.js';
import { buildComponentRegistry } from './core/component-router.js';
import type { ComponentFamily } from './core/component.js';
import type { BotEvent } from './core/event.js';
import { checkAllGuilds } from './core/startup-checks.js';
import { cacheVoiceMembers } from './core/voice-members.js';
import { explainLoginFailure, StartupError } from './core/startup-error.js';
import { packageVersion } from './core/version.js';
import { BOT_FEATURES } from './features.js';
import type { BotFeature } from './core/feature.js';
import { KeyedQueue } from '../shared/keyed-queue.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createKernelServices } from '../shared/kernel/services.js';
import { getGuildSettings } from '../shared/kernel/guild-settings.service.js';

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
  /** The slices to run (default: bot/features.ts). */
  features?: readonly BotFeature[];
  /** Where services read "now" (default: the system clock; tests pass a controllable one). */
  clock?: Clock;
  /** Overrides for services built from the slices; health defaults to shared/health. */
  services?: Partial<BotServices>;
  /** Guild-settings hooks (locale, roles to grant); default: none configured. */
  guilds?: Partial<GuildHooks>;
  /** Replace the registries (tests add throwing or modal-opening handlers). */
  commands?: readonly Command[];
  components?: readonly ComponentFamily[];
  events?: readonly BotEvent[];
  /** The worker's scheduler: stopped with the bot. startBot does not start it. */
  agenda?: Agenda;
  /** How long `stop` waits for running jobs before it destroys the client (default 5 s). */
  jobDrainMs?: number;
  version?: string;
  client?: CreateClientOptions;
}

export interface RunningBot {
  client: Client<true>;
  ctx: BotContext;
  /**
   * Stops agenda if given (no new job; running ones finish, up to `jobDrainMs`), then destroys the
   * client, runs the slices' stop hooks, and disconnects the database if startBot connected it.
   */
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
  const features = deps.features ?? BOT_FEATURES;
  const ctx: BotContext = {
    logger,
    config: deps.config,
    version: deps.version ?? packageVersion(),
    services: buildServices(features, { clock: deps.clock ?? systemClock, logger }, deps.services),
    guilds: { ...guildHooksOf(features), ...deps.guilds },
    i18n,
    commands: buildCommandRegistry(deps.commands ?? features.flatMap((f) => f.commands ?? [])),
    components: buildComponentRegistry(deps.components ?? features.flatMap((f) => f.components ?? [])),
    ...(deps.agenda ? { agenda: deps.agenda } : {}),
    runtime: { joins: new KeyedQueue(), inFlight: new Set() },
  };
  const client = createClient({ ...deps.client, ...(deps.restApi ? { restApi: deps.restApi } : {}) });
  registerEvents(client, deps.events ?? features.flatMap((f) => f.events ?? []), ctx);
  // Defined before the caller starts agenda, so due jobs find their handlers.
  if (deps.agenda) {
    logJobFailures(deps.agenda, logger);
    for (const feature of features) feature.defineJobs?.(deps.agenda, ctx, client);
  }
  client.rest.on('rateLimited', (info) =>
    logger.debug(
      { route: info.route, retryAfter: info.retryAfter },
      'Discord rate limit: waiting before retrying',
    ),
  );

  const jobs = deps.agenda ? trackRunningJobs(deps.agenda) : undefined;
  const stop = async () => {
    // The scheduler first, while the client is still up: a job running now would otherwise make
    // its Discord calls on a destroyed client and fail (agenda.stop() does not wait for it).
    if (deps.agenda && jobs) await stopJobs(deps.agenda, jobs, deps.jobDrainMs ?? JOB_DRAIN_MS, logger);
    await client.destroy();
    // Slice hooks after the client (no more gateway events) and the jobs: the last flush of
    // buffered counters then holds everything counted.
    for (const feature of features) {
      await feature
        .stop?.(ctx)
        .catch((error: unknown) =>
          logger.error({ err: error, feature: feature.name }, 'a slice failed to stop'),
        );
    }
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

/** Bounded by the 10 s of the graceful shutdown (bot/core/shutdown.ts), with room for the rest. */
const JOB_DRAIN_MS = 5_000;

type RunningJobs = Map<string, { done: Promise<void>; finish(): void }>;
type Started = { attrs: { _id?: unknown } };

/** The entry of job `id`, made on first sight: its `done` resolves at the job's `complete`. */
function entryOf(running: RunningJobs, id: string) {
  let entry = running.get(id);
  if (!entry) {
    let finish = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    entry = { done, finish };
    running.set(id, entry);
  }
  return entry;
}

/** The jobs this process is running now (agenda's start/complete events), to wait for at stop. */
function trackRunningJobs(agenda: Agenda): RunningJobs {
  const running: RunningJobs = new Map();
  agenda.on('start', (job: Started) => void entryOf(running, String(job.attrs._id)));
  agenda.on('complete', (job: Started) => {
    const key = String(job.attrs._id);
    running.get(key)?.finish();
    running.delete(key);
  });
  return running;
}

/**
 * The jobs agenda's processor has taken to run, `start` announced or not: Job.run saves the
 * job's state before it emits `start`, and agenda.stop() leaves such a job locked and running.
 * Read synchronously just before agenda.stop(), which stops the processor before its first await.
 * Agenda 6 exposes no public list (getRunningStats needs a started processor): an absent field
 * leaves the `start` events alone.
 */
function takenJobIds(agenda: Agenda): string[] {
  const processor = (agenda as unknown as { jobProcessor?: { runningJobs?: Started[] } }).jobProcessor;
  return (processor?.runningJobs ?? []).map((job) => String(job.attrs._id));
}

/**
 * Stops the scheduler: agenda.stop() takes no new job and hands back the jobs it had locked ahead
 * but not started (another worker runs them); the running ones keep their locks and are awaited
 * up to `boundMs`. One still running after that keeps its lock; slices hand their work on in
 * their stop hooks (the mixer resumes the runs whose lease this worker still holds).
 */
async function stopJobs(
  agenda: Agenda,
  running: RunningJobs,
  boundMs: number,
  logger: Logger,
): Promise<void> {
  for (const id of takenJobIds(agenda)) entryOf(running, id);
  await agenda.stop();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), boundMs)));
  const all = Promise.all([...running.values()].map((job) => job.done));
  const outcome = await Promise.race([all.then(() => 'done' as const), bound]);
  clearTimeout(timer);
  if (outcome === 'timeout')
    logger.warn(
      { boundMs, running: running.size },
      'jobs still running at shutdown: another worker runs them again once their lock expires',
    );
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

/** The one services object: health, clock, the kernel, then every slice's; `overrides` last (tests). */
function buildServices(
  features: readonly BotFeature[],
  deps: { clock: Clock; logger: Logger },
  overrides: Partial<BotServices> = {},
): BotServices {
  const parts = features.flatMap((f) => f.personalData ?? []);
  const base = { health: healthService, clock: deps.clock, kernel: createKernelServices(deps, parts) };
  return Object.assign(base, ...features.map((f) => f.services?.(deps) ?? {}), overrides) as BotServices;
}

/** The guild's configured locale, and the roles every slice grants (for the start-up checks). */
function guildHooksOf(features: readonly BotFeature[]): GuildHooks {
  return {
    async locale(guildId) {
      return (await getGuildSettings(guildId)).locale;
    },
    async rolesToGrant(guildId) {
      const settings = await getGuildSettings(guildId);
      const roles = features.flatMap((f) => f.rolesToGrant?.(settings) ?? []);
      return roles.filter((id): id is string => !!id);
    },
  };
}
