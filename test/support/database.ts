import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { MongoClient, type Db } from 'mongodb';

let uri: string | undefined;

export function setTestDatabaseUri(value: string): void {
  uri = value;
}

/** The URI of this run's database: the embedded store, or MONGODB_URI when set. */
export function testDatabaseUri(): string {
  if (!uri) throw new Error('test database not started: is test/support/global-hooks.ts loaded?');
  return uri;
}

/** A fresh database name, so suites never see each other's data. */
export function uniqueDbName(prefix = 'test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/**
 * Registers `clear` after each test and `drop` after the suite, behind every hook the suite
 * itself registers. Mocha runs a suite's hooks in the order they were registered, and the
 * helpers below are called first in a describe, before the `afterEach(() => world.stop())` a
 * test adds: registered the plain way, the collections were cleared while the world still
 * ran, so a late job could write into the next test (and a buffered mongoose write after the
 * disconnect lands in the next suite's database). Added from the suite's `before` hook, when
 * the describe body has registered all of its own, they run last.
 */
function lastHooks(context: Mocha.Context, clear: () => Promise<void>, drop: () => Promise<void>): void {
  const suite = context.test?.parent;
  if (!suite) throw new Error('useMongoose/useDriver must be called inside a describe()');
  suite.afterEach('clear collections (after the suite’s own afterEach hooks)', clear);
  suite.afterAll('drop the database (after the suite’s own after hooks)', drop);
}

/**
 * Mocha helper: connects mongoose to a fresh database before the suite, clears every
 * collection after each test and drops the database after the suite, in both cases after
 * the suite's own hooks (worlds stopped first, see lastHooks).
 */
export function useMongoose(prefix = 'tsunagu'): { dbName: () => string } {
  let name = '';
  before(async function () {
    lastHooks(
      this,
      () => clearCollections(mongoose.connection.db as unknown as Db),
      async () => {
        await mongoose.connection.db?.dropDatabase();
        await mongoose.disconnect();
      },
    );
    name = uniqueDbName(prefix);
    await mongoose.connect(testDatabaseUri(), { dbName: name, serverSelectionTimeoutMS: 5000 });
  });
  return { dbName: () => name };
}

/**
 * Mocha helper: a plain driver client on a fresh database, collections cleared after each
 * test (after the suite's own afterEach hooks, see lastHooks).
 */
export function useDriver(prefix = 'driver'): { db: () => Db; client: () => MongoClient } {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  before(async function () {
    lastHooks(
      this,
      async () => {
        if (db) await clearCollections(db);
      },
      async () => {
        await db?.dropDatabase();
        await client?.close();
      },
    );
    client = new MongoClient(testDatabaseUri(), { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    db = client.db(uniqueDbName(prefix));
  });
  return {
    db: () => {
      if (!db) throw new Error('database not ready');
      return db;
    },
    client: () => {
      if (!client) throw new Error('client not ready');
      return client;
    },
  };
}

/** Deletes the documents of every collection (indexes stay, as between real tests). */
export async function clearCollections(db: Db): Promise<void> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  await Promise.all(collections.map((c) => db.collection(c.name).deleteMany({})));
}
