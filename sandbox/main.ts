/**
 * `npm start` without DISCORD_TOKEN: the whole of Tsunagu in one process, all local.
 * The embedded MongoDB-compatible store (or MONGODB_URI), the Discord emulator with a seeded
 * demo guild, the bot (real discord.js against the emulator), the agenda scheduler and the
 * dashboard (login through the emulator's OAuth2 as the demo organiser), plus simulated alumni.
 * Everything is kept in one folder (`.sandbox/` or SANDBOX_DATA_DIR), so a restart finds the same
 * guild, people, profiles and logins; `--reset` (`npm run sandbox:reset`) starts fresh.
 */
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { ConfigError, loadConfig } from '../shared/config.js';
import { connectMongoose, disconnectMongoose, resolveDatabase } from '../shared/db/connect.js';
import { agendaJobQueue, createAgenda } from '../shared/db/agenda.js';
import { ensureIndexes } from '../shared/db/indexes.js';
import { startBot } from '../bot/start-bot.js';
import { deployCommands } from '../bot/deploy-commands.js';
import { createApp } from '../web/app.js';
import { listen } from '../web/server.js';
import { staffRolesFromSettings } from '../web/core/staff-roles.js';
import { getGuildSettings } from '../shared/kernel/guild-settings.service.js';
import { startEmbeddedStore } from './store/index.js';
import { startDiscordEmulator } from './discord/index.js';
import { seedDemoCommunity } from './community/seed.js';
import { seedActivityHistory, startLiveChatter } from './community/history.js';
import { startCommunitySimulation } from './community/simulator.js';
import { startMixerDemo } from './community/mixers.js';
import { startEventsDemo } from './community/events.js';
import {
  rememberEmulatorPort,
  rememberedEmulatorPort,
  sandboxDataDirs,
  sandboxSessionSecret,
} from './sandbox-data.js';
import { sandboxLogger, type NameOf } from './sandbox-log.js';

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { reset: { type: 'boolean', default: false } } });
  const config = loadConfig();
  // A person runs the sandbox in a terminal: one readable line per event there (people named
  // once the emulator knows them), JSON when piped.
  const people: { nameOf?: NameOf } = {};
  const logger = sandboxLogger(config.logLevel, { pretty: process.stdout.isTTY, names: () => people.nameOf });
  if (config.mode === 'production') {
    logger.fatal(
      'DISCORD_TOKEN is set, so this is production: run the Procfile processes instead ' +
        '(`npm run build`, then `npm run start:web` and `npm run start:worker`). Unset DISCORD_TOKEN for the sandbox.',
    );
    process.exitCode = 1;
    return;
  }

  const dirs = sandboxDataDirs(config.sandboxDataDir);
  if (args.reset) logger.info({ dataDir: dirs.root }, 'starting fresh: the saved sandbox data is deleted');
  if (args.reset && config.mongoUri)
    logger.warn('--reset leaves the database at MONGODB_URI alone: only the embedded store is emptied');
  const database = await resolveDatabase(
    config.mongoUri,
    () =>
      startEmbeddedStore({
        port: 0,
        dataDir: dirs.store,
        reset: args.reset,
        logger: logger.child({ component: 'store' }),
      }),
    logger,
  );
  await connectMongoose(database.uri, 'tsunagu');
  await ensureIndexes();

  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const emulatorOptions = {
    intents: { guildMembers: true },
    logger: logger.child({ component: 'discord-emulator' }),
    redirectUris: [`${publicUrl}/auth/callback`],
    dataDir: dirs.discord,
    reset: args.reset,
  };
  // The same port as last time when it is free: bookmarked view URLs and saved attachment URLs keep working.
  const emulator = await startDiscordEmulator({
    ...emulatorOptions,
    port: (await rememberedEmulatorPort(dirs.root)) ?? 0,
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startDiscordEmulator({ ...emulatorOptions, port: 0 });
  });
  await rememberEmulatorPort(dirs.root, emulator.port);
  people.nameOf = (id) => {
    const user = emulator.state.users.find(id);
    return user ? (user.global_name ?? user.username) : undefined;
  };
  // A restored emulator already holds the demo guild: the same handle comes back, nothing is seeded twice.
  const demo = seedDemoCommunity(emulator, { alumniCount: config.sandboxMembers });
  await emulator.save();
  // 90 days of activity behind the Trends charts (written once; a restarted sandbox keeps it).
  // Its members joined over those 90 days: the simulation goes on with the alumni after them.
  const history = await seedActivityHistory({
    demo,
    emulator,
    logger: logger.child({ component: 'history' }),
  });
  demo.arrived = history.arrived;
  await emulator.save();

  const agenda = createAgenda({
    db: mongoose.connection.db as unknown as Db,
    name: 'sandbox',
    processEveryMs: 1_000,
  });
  await deployCommands({
    token: emulator.botToken,
    applicationId: emulator.application.id,
    guildId: demo.guildId,
    restApi: emulator.restBase,
  });
  const bot = await startBot({
    token: emulator.botToken,
    restApi: emulator.restBase,
    // /about links the dashboard: the sandbox's URL even when PUBLIC_URL is not set.
    config: { ...config, publicUrl },
    logger,
    agenda,
  });
  await agenda.start();

  const app = createApp({
    config: {
      // Kept in the data folder, so the session cookies of a restarted sandbox stay valid.
      sessionSecret: config.sessionSecret ?? (await sandboxSessionSecret(dirs.root)),
      publicUrl,
      defaultLocale: config.defaultLocale,
      timeZone: config.defaultTimeZone,
      discordViewUrl: `${emulator.baseUrl}/_emulator/view`,
      discord: {
        clientId: emulator.application.clientId,
        clientSecret: emulator.application.clientSecret,
        apiBase: emulator.restBase,
        oauthBase: emulator.baseUrl,
        botToken: emulator.botToken,
      },
    },
    logger: logger.child({ component: 'web' }),
    mongo: { client: mongoose.connection.getClient(), dbName: mongoose.connection.name },
    staffRoles: staffRolesFromSettings(getGuildSettings),
    jobs: agendaJobQueue(agenda),
  });
  const web = await listen(app, config.port);
  const simulation = startCommunitySimulation({
    emulator,
    demo,
    logger: logger.child({ component: 'community' }),
  });
  const mixers = startMixerDemo({
    emulator,
    demo,
    logger: logger.child({ component: 'mixers' }),
    ready: simulation.ready,
  });
  startEventsDemo({ emulator, demo, logger: logger.child({ component: 'events' }), ready: simulation.ready });
  const chatter = startLiveChatter({ emulator, demo, logger: logger.child({ component: 'chatter' }) });

  logger.info(
    {
      dashboard: publicUrl,
      discordView: `${emulator.baseUrl}/_emulator/view`,
      loginAs: demo.organiser.username,
      emulatorControl: `${emulator.baseUrl}/_emulator`,
      database: database.embedded ? database.uri : 'MONGODB_URI',
      dataDir: dirs.root,
      guildId: demo.guildId,
    },
    // Both addresses in the sentence itself: the fields are easy to miss in a busy terminal.
    `Tsunagu sandbox is up: open ${publicUrl} and log in (as the demo organiser "${demo.organiser.username}"); ` +
      `watch and act in the Discord view at ${emulator.baseUrl}/_emulator/view` +
      (emulator.restored ? `; resumed from ${dirs.root}` : ''),
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the sandbox');
    simulation.stop();
    chatter.stop();
    mixers.stop();
    await web.close(2_000).catch((error: unknown) => logger.error({ err: error }, 'dashboard close failed'));
    await bot.stop().catch((error: unknown) => logger.error({ err: error }, 'bot stop failed'));
    await agenda.stop().catch(() => undefined);
    // Let handlers already in flight finish their writes before the database goes away.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await emulator.stop();
    await disconnectMongoose();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
