import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../logger.js';

/** A running database the app can reach by URI; `stop` ends it if we started it. */
export interface DatabaseHandle {
  uri: string;
  /** True when the URI points at the embedded MongoDB-compatible store (tests, sandbox). */
  embedded: boolean;
  stop(): Promise<void>;
}

/** Starts an embedded store and returns its URI; injected by entry points (shared/ never imports sandbox/). */
export type StartEmbeddedStore = () => Promise<{ uri: string; stop(): Promise<void> }>;

/**
 * Picks `MONGODB_URI` when given, otherwise starts the embedded MongoDB-compatible store
 * through the injected starter. Production always passes a URI (config refuses otherwise).
 */
export async function resolveDatabase(
  mongoUri: string | undefined,
  startEmbedded: StartEmbeddedStore | undefined,
  log: Logger,
): Promise<DatabaseHandle> {
  if (mongoUri) {
    log.info({ uri: redactUri(mongoUri) }, 'using MongoDB from MONGODB_URI');
    return { uri: mongoUri, embedded: false, stop: async () => {} };
  }
  if (!startEmbedded) throw new Error('MONGODB_URI is not set and no embedded store is available');
  const store = await startEmbedded();
  log.info({ uri: store.uri }, 'started the embedded MongoDB-compatible store (tests and sandbox only)');
  return { uri: store.uri, embedded: true, stop: () => store.stop() };
}

/** Connects mongoose's default connection; `dbName` overrides the URI's database. */
export async function connectMongoose(uri: string, dbName?: string): Promise<Connection> {
  await mongoose.connect(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 10_000,
    autoIndex: true,
  });
  return mongoose.connection;
}

export async function disconnectMongoose(): Promise<void> {
  await mongoose.disconnect();
}

/** Hides the password of a connection string for logs. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
