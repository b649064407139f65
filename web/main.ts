/**
 * Entry point of the web process (Procfile `web`): loads the configuration, connects to
 * MongoDB, builds the dashboard and listens; SIGTERM/SIGINT close it gracefully.
 * The sandbox (sandbox/main.ts) builds the app itself with createApp and the stand-ins.
 */
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { agendaJobQueue, createAgenda } from '../shared/db/agenda.js';
import { ConfigError, loadConfig } from '../shared/config.js';
import {
  connectMongoose,
  DatabaseUnreachableError,
  disconnectMongoose,
  redactUri,
} from '../shared/db/connect.js';
import { createLogger } from '../shared/logger.js';
import { getGuildSettings } from '../shared/kernel/guild-settings.service.js';
import { createApp } from './app.js';
import { listen } from './server.js';
import { staffRolesFromSettings } from './core/staff-roles.js';
import { toWebConfig } from './web-config.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env, 'web');
  const logger = createLogger(config.logLevel, 'tsunagu-web');
  const webConfig = toWebConfig(config);
  const mongoUri = config.mongoUri as string;
  await connectMongoose(mongoUri);
  logger.info({ uri: redactUri(mongoUri) }, 'connected to MongoDB');
  const app = createApp({
    config: webConfig,
    logger,
    mongo: { client: mongoose.connection.getClient(), dbName: mongoose.connection.name },
    staffRoles: staffRolesFromSettings(getGuildSettings),
    // Writes jobs only: this agenda instance is never started, the worker runs them.
    jobs: agendaJobQueue(createAgenda({ db: mongoose.connection.db as unknown as Db, name: 'web' })),
  });
  const running = await listen(app, config.port);
  logger.info({ url: webConfig.publicUrl, port: config.port }, 'dashboard listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down the dashboard');
    try {
      await running.close();
      await disconnectMongoose();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad config), so the one message goes to stderr.
  const plain = error instanceof ConfigError || error instanceof DatabaseUnreachableError;
  console.error(plain ? error.message : error);
  process.exit(1);
});
