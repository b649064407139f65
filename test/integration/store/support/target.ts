/**
 * Helpers shared by the store conformance tests. The suites run against the embedded
 * MongoDB-compatible store by default and against a real MongoDB when MONGODB_URI is set;
 * expectations are MongoDB's documented behaviour either way.
 */
import {
  MongoClient,
  MongoServerError,
  type ObjectId,
  type Collection,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  type Document,
} from 'mongodb';
import { loadConfig } from '../../../../shared/config.js';
import { testDatabaseUri, uniqueDbName, clearCollections } from '../../../support/database.js';

/** True when the suite runs against a real MongoDB (MONGODB_URI set) rather than the embedded store. */
export function usingRealMongo(): boolean {
  return Boolean(loadConfig({ ...process.env, DISCORD_TOKEN: undefined }).mongoUri);
}

/**
 * Polls `probe` until it returns true or the deadline passes; returns whether it became true.
 * Used for effects MongoDB documents as eventual (TTL sweep, job processing).
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  deadlineMs: number,
  everyMs = 50,
): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Runs `action` and returns the MongoServerError it raises; fails the test if it resolves or throws something else. */
export async function serverError(action: () => Promise<unknown>): Promise<MongoServerError> {
  let outcome: unknown;
  try {
    outcome = await action();
  } catch (error) {
    if (error instanceof MongoServerError) return error;
    throw new Error(`expected a MongoServerError, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a MongoServerError, but the operation succeeded with ${JSON.stringify(outcome)}`);
}

/** Every command the driver sent and every successful reply, for assertions on the wire conversation. */
export interface CommandLog {
  started: CommandStartedEvent[];
  succeeded: CommandSucceededEvent[];
  clear(): void;
}

/**
 * Mocha helper: a driver client with command monitoring on a fresh database, so tests can
 * check what went over the wire (batch sizes, getMore, killCursors).
 */
export function useMonitoredDriver(prefix = 'monitored'): { db: () => Db; log: CommandLog } {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  const log: CommandLog = {
    started: [],
    succeeded: [],
    clear() {
      log.started.length = 0;
      log.succeeded.length = 0;
    },
  };
  before(async () => {
    client = new MongoClient(testDatabaseUri(), { serverSelectionTimeoutMS: 5000, monitorCommands: true });
    client.on('commandStarted', (event) => log.started.push(event));
    client.on('commandSucceeded', (event) => log.succeeded.push(event));
    await client.connect();
    db = client.db(uniqueDbName(prefix));
  });
  afterEach(async () => {
    if (db) await clearCollections(db);
    log.clear();
  });
  after(async () => {
    await db?.dropDatabase();
    await client?.close();
  });
  return {
    db: () => {
      if (!db) throw new Error('database not ready');
      return db;
    },
    log,
  };
}

/** A document whose _id may be any BSON value, as the conformance tests use numbers and strings. */
export interface LooseDocument extends Document {
  _id?: string | number | ObjectId | Date | Document;
}

/** The named collection, typed so that tests may choose _id values of any type. */
export function looseCollection(db: Db, name: string): Collection<LooseDocument> {
  return db.collection<LooseDocument>(name);
}
