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
 * Mocha helper: connects mongoose to a fresh database before the suite, clears every
 * collection after each test, drops the database after the suite.
 */
export function useMongoose(prefix = 'tsunagu'): { dbName: () => string } {
  let name = '';
  before(async () => {
    name = uniqueDbName(prefix);
    await mongoose.connect(testDatabaseUri(), { dbName: name, serverSelectionTimeoutMS: 5000 });
  });
  afterEach(async () => {
    await clearCollections(mongoose.connection.db as unknown as Db);
  });
  after(async () => {
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
  });
  return { dbName: () => name };
}

/**
 * Mocha helper: a plain driver client on a fresh database, collections cleared after each test.
 */
export function useDriver(prefix = 'driver'): { db: () => Db; client: () => MongoClient } {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  before(async () => {
    client = new MongoClient(testDatabaseUri(), { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    db = client.db(uniqueDbName(prefix));
  });
  afterEach(async () => {
    if (db) await clearCollections(db);
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
