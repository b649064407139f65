/**
 * `npm start` without DISCORD_TOKEN: the whole of Tsunagu in one process, all local.
 * The embedded MongoDB-compatible store (or MONGODB_URI), the Discord emulator with a seeded
 * demo guild, the bot (real discord.js against the emulator), the agenda scheduler and the
 * dashboard (login through the emulator's OAuth2 as the demo organiser), plus simulated alumni.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { ConfigError, loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
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
import { startCommunitySimulation } from './community/simulator.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // A person runs the sandbox in a terminal: readable lines there, JSON when piped.
  const logger = createLogger(config.logLevel, 'tsunagu-sandbox', { pretty: process.stdout.isTTY });
  if (config.mode === 'production') {
    logger.fatal(
      'DISCORD_TOKEN is set, so this is production: run the Procfile processes instead ' +
        '(`npm run build`, then `npm run start:web` and `npm run start:worker`). Unset DISCORD_TOKEN for the sandbox.',
    );
    process.exitCode = 1;
    return;
  }

  const database = await resolveDatabase(
    config.mongoUri,
    () => startEmbeddedStore({ port: 0, logger: logger.child({ component: 'store' }) }),
    logger,
  );
  await connectMongoose(database.uri, 'tsunagu');
  await ensureIndexes();

  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const emulator = await startDiscordEmulator({
    port: 0,
    intents: { guildMembers: true },
    logger: logger.child({ component: 'discord-emulator' }),
    redirectUris: [`${publicUrl}/auth/callback`],
  });
  const demo = seedDemoCommunity(emulator, { alumniCount: config.sandboxMembers });

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
    config,
    logger,
    agenda,
  });
  await agenda.start();

  const app = createApp({
    config: {
      sessionSecret: config.sessionSecret ?? randomBytes(32).toString('hex'),
      publicUrl,
      defaultLocale: config.defaultLocale,
      timeZone: config.defaultTimeZone,
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

  logger.info(
    {
      dashboard: publicUrl,
      discordView: `${emulator.baseUrl}/_emulator/view`,
      loginAs: demo.organiser.username,
      emulatorControl: `${emulator.baseUrl}/_emulator`,
      database: database.embedded ? database.uri : 'MONGODB_URI',
    },
    `Tsunagu sandbox is up: open ${publicUrl} and log in (as the demo organiser "${demo.organiser.username}")`,
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the sandbox');
    simulation.stop();
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
