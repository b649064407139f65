/**
 * test/support/database.ts: the collections are cleared and the database dropped only after
 * the suite's own hooks (where the worlds stop), so a write a world makes while stopping never
 * reaches the next test or the next suite.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import { MongoClient, type Db } from 'mongodb';
import { testDatabaseUri, useDriver, useMongoose } from '../../support/database.js';

const things = () => (mongoose.connection.db as unknown as Db).collection('things');
/** The databases the suites below used, checked after their drop by the last suite. */
const used: string[] = [];

describe('useMongoose clears after the suite’s own hooks', () => {
  const { dbName } = useMongoose('hooks_order');
  const countsAtStop: number[] = [];
  before(() => used.push(dbName()));

  // Registered after useMongoose, as every world's stop is: it must still see this test's data,
  // and what it writes while "stopping" must be gone before the next test.
  afterEach(async () => {
    countsAtStop.push(await things().countDocuments());
    await things().insertOne({ late: true });
  });

  after(async () => {
    expect(mongoose.connection.readyState, 'still connected in the suite’s own after hook').to.equal(1);
    await things().insertOne({ late: true });
  });

  it('GIVEN a test that writes one document', async () => {
    await things().insertOne({ late: false });
    expect(await things().countDocuments()).to.equal(1);
  });

  it('THEN its stop hook saw it, and the late write from that hook is cleared before this test', async () => {
    expect(countsAtStop).to.deep.equal([1]);
    expect(await things().countDocuments()).to.equal(0);
  });
});

describe('useDriver clears after the suite’s own hooks', () => {
  const { db } = useDriver('hooks_order_driver');
  const countsAtStop: number[] = [];
  before(() => used.push(db().databaseName));

  after(async () => {
    await db().collection('things').insertOne({ late: true });
  });

  afterEach(async () => {
    countsAtStop.push(await db().collection('things').countDocuments());
    await db().collection('things').insertOne({ late: true });
  });

  it('GIVEN a test that writes one document', async () => {
    await db().collection('things').insertOne({ late: false });
    expect(await db().collection('things').countDocuments()).to.equal(1);
  });

  it('THEN the late write of the stop hook is cleared before this test', async () => {
    expect(countsAtStop).to.deep.equal([1]);
    expect(await db().collection('things').countDocuments()).to.equal(0);
  });
});

describe('after those suites', () => {
  it('THEN both databases are dropped, the late writes of their own after hooks with them', async () => {
    expect(used).to.have.length(2);
    const client = new MongoClient(testDatabaseUri(), { serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      const names = databases.map((d) => d.name);
      // A drop that ran before the suite's own after hook would leave the database re-created
      // by its late insert: absent means the drop came last.
      for (const name of used) expect(names, name).to.not.include(name);
    } finally {
      await client.close();
    }
  });
});
