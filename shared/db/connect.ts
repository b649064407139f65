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

/**
 * MongoDB could not be reached at start-up. `message` is one line a person can act on (where,
 * how long we waited, the driver's reason, what to check), printed instead of a driver dump.
 */
export class DatabaseUnreachableError extends Error {
  constructor(uri: string, waitedMs: number, reason: string) {
    super(
      `Cannot reach MongoDB at ${redactUri(uri)} within ${waitedMs / 1000} s (${reason}): ` +
        'check MONGODB_URI and that the database is running and reachable from here.',
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * Connects mongoose's default connection; `dbName` overrides the URI's database. A database
 * that does not answer within `serverSelectionTimeoutMS` becomes a DatabaseUnreachableError.
 */
export async function connectMongoose(
  uri: string,
  dbName?: string,
  options: { serverSelectionTimeoutMS?: number } = {},
): Promise<Connection> {
  const waitedMs = options.serverSelectionTimeoutMS ?? 10_000;
  try {
    await mongoose.connect(uri, {
      ...(dbName ? { dbName } : {}),
      serverSelectionTimeoutMS: waitedMs,
      autoIndex: true,
    });
  } catch (error) {
    if (!(error instanceof Error) || !/ServerSelection|MongoNetwork/.test(error.name)) throw error;
    await mongoose.disconnect().catch(() => {});
    throw new DatabaseUnreachableError(uri, waitedMs, firstLine(error.message));
  }
  return mongoose.connection;
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 200);
}

export async function disconnectMongoose(): Promise<void> {
  await mongoose.disconnect();
}

/** Hides the password of a connection string for logs. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
