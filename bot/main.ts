/**
 * The worker's composition root (Procfile `worker`): loads config, connects MongoDB, builds
 * the scheduler and services, starts the bot, and stops everything cleanly on SIGTERM/SIGINT.
 * The sandbox (`npm start`) does not use this file: it calls startBot() with the emulator.
 */
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { ConfigError, loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import {
  connectMongoose,
  DatabaseUnreachableError,
  disconnectMongoose,
  redactUri,
} from '../shared/db/connect.js';
import { createAgenda } from '../shared/db/agenda.js';
import { startBot } from './start-bot.js';
import { StartupError } from './core/startup-error.js';
import { installGracefulShutdown } from './core/shutdown.js';

async function main(): Promise<void> {
  // The worker's own requirements: it signs no cookies, so SESSION_SECRET is not one of them.
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger(config.logLevel, 'tsunagu-bot');
  const { token, apiBase } = config.discord;
  if (!token || !config.mongoUri) {
    logger.fatal(
      'DISCORD_TOKEN and MONGODB_URI are required for the bot worker. For a local sandbox with the Discord ' +
        'emulator and an embedded database, run `npm start` instead.',
    );
    process.exitCode = 1;
    return;
  }

  logger.info({ uri: redactUri(config.mongoUri) }, 'connecting to MongoDB');
  await connectMongoose(config.mongoUri);
  const agenda = createAgenda({ db: mongoose.connection.db as unknown as Db, name: `worker-${process.pid}` });
  try {
    const bot = await startBot({ token, config, logger, agenda, ...(apiBase ? { restApi: apiBase } : {}) });
    await agenda.start();
    installGracefulShutdown(async () => {
      await bot.stop();
      await disconnectMongoose();
    }, logger);
  } catch (error) {
    await disconnectMongoose();
    throw error;
  }
}

main().catch((error: unknown) => {
  // StartupError was already logged once, plainly, by startBot; ConfigError lists every problem;
  // an unreachable database is one line.
  if (error instanceof ConfigError || error instanceof DatabaseUnreachableError) console.error(error.message);
  else if (!(error instanceof StartupError)) console.error(error);
  process.exit(1);
});
