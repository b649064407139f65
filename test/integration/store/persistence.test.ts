/**
 * Persistence of the embedded store (`dataDir`): what is written through mongoose and the driver is all
 * there after the store stops and starts again on the same directory — documents with their BSON types,
 * collections, indexes, and the behaviour behind them (unique constraint, TTL sweep).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import mongoose, { Schema } from 'mongoose';
import { Binary, Decimal128, Double, Long, MongoServerError, ObjectId, type Db } from 'mongodb';
import { waitUntil } from './support/target.js';
import { filesOf, useDataDir } from './support/data-dir.js';

const memberSchema = new Schema({
  email: { type: String, required: true, unique: true },
  name: String,
  visits: { type: Number, default: 0 },
});

/** Everything observable about a database: collections, index definitions and documents, in order. */
async function describeDb(db: Db): Promise<unknown> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const out: Record<string, unknown> = {};
  for (const name of names) {
    out[name] = {
      indexes: await db.collection(name).listIndexes().toArray(),
      docs: await db.collection(name).find().toArray(),
    };
  }
  return out;
}

describe('store persistence: restarting on the same data directory', () => {
  const { dir, start, connect } = useDataDir();

  it('keeps documents written through mongoose and the driver, with their BSON types and indexes', async () => {
    let store = await start();
    const connection = await mongoose.createConnection(store.uri, { dbName: 'club' }).asPromise();
    const Member = connection.model('Member', memberSchema);
    await Member.init();
    const aiko = await Member.create({ email: 'aiko@example.test', name: 'Aiko' });
    await Member.create({ email: 'ben@example.test' });
    await Member.updateOne({ _id: aiko._id }, { $inc: { visits: 2 } });
    await connection.close();

    const db = (await connect(store)).db('club');
    const values = {
      _id: 'types',
      long: Long.fromString('9007199254740993'),
      decimal: Decimal128.fromString('0.10'),
      double: new Double(2),
      int: 7,
      date: new Date('2026-03-01T15:00:00Z'),
      oid: new ObjectId(),
      bin: new Binary(Buffer.from('つなぐ')),
      nested: { list: [1, 'two', { three: 3 }], empty: {} },
    };
    await db.collection<typeof values>('values').insertOne(values);
    await db.collection('events').createIndex({ at: 1 }, { expireAfterSeconds: 3600, name: 'ttl' });
    await db.collection('events').createIndex({ code: 1 }, { unique: true, sparse: true });
    await db.collection('events').insertMany([{ code: 'a', at: new Date() }, { code: 'b' }]);
    await db.collection('events').dropIndex('code_1');
    await db.collection('events').deleteOne({ code: 'b' });
    await db.collection('scratch').insertOne({ gone: true });
    await db.collection('scratch').drop();
    await db.collection('old-name').insertOne({ _id: 1 } as never);
    await db.collection('old-name').rename('new-name');
    const before = await describeDb(db);
    await store.stop();

    store = await start();
    const again = (await connect(store)).db('club');
    expect(await describeDb(again)).to.deep.equal(before);
    // The driver turns doubles and small longs into JS numbers; $type sees the BSON types the store kept.
    const typed = {
      long: { $type: 'long' },
      decimal: { $type: 'decimal' },
      double: { $type: 'double' },
      int: { $type: 'int' },
      date: { $type: 'date' },
      oid: { $type: 'objectId' },
      bin: { $type: 'binData' },
    };
    expect(await again.collection('values').countDocuments(typed)).to.equal(1);
    const stored = await again.collection<typeof values>('values').findOne({ _id: 'types' });
    expect(stored?.long).to.be.instanceOf(Long);
    expect(stored?.decimal.toString()).to.equal('0.10');
    expect(stored?.bin.toString('utf8')).to.equal('つなぐ');
    const member = await again.collection('members').findOne({ email: 'aiko@example.test' });
    expect(member).to.include({ name: 'Aiko', visits: 2 });
  });

  it('still enforces a unique index after the restart', async () => {
    let store = await start();
    const people = (await connect(store)).db('club').collection('people');
    await people.createIndex({ email: 1 }, { unique: true });
    await people.insertOne({ email: 'aiko@example.test' });
    await store.stop();

    store = await start();
    const again = (await connect(store)).db('club').collection('people');
    const error = await again.insertOne({ email: 'aiko@example.test' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MongoServerError);
    expect((error as MongoServerError).code).to.equal(11000);
    expect((error as MongoServerError)['keyValue']).to.deep.equal({ email: 'aiko@example.test' });
  });

  it('still sweeps with a TTL index after the restart, and the sweep itself is kept', async () => {
    let store = await start({ ttlSweepMs: 3_600_000 });
    const sessions = (await connect(store)).db('club').collection('sessions');
    await sessions.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0 });
    await sessions.insertMany([
      { _id: 'expired', expireAt: new Date(Date.now() - 60_000) },
      { _id: 'future', expireAt: new Date(Date.now() + 86_400_000) },
    ] as never[]);
    await store.stop();

    store = await start({ ttlSweepMs: 50 });
    const again = (await connect(store)).db('club').collection('sessions');
    const swept = await waitUntil(
      async () => (await again.countDocuments({ _id: 'expired' } as never)) === 0,
      5000,
    );
    expect(swept, 'the expired session is swept').to.equal(true);
    await store.stop();

    store = await start({ ttlSweepMs: 3_600_000 });
    const third = (await connect(store)).db('club').collection('sessions');
    expect((await third.find().toArray()).map((d) => d._id)).to.deep.equal(['future']);
  });

  it('compacts the journal into a snapshot and loads the same state from it', async () => {
    let store = await start({ compactAfterBytes: 4096 });
    const c = (await connect(store)).db('club').collection<{ _id: number; n: number }>('counters');
    for (let i = 0; i < 200; i++) await c.insertOne({ _id: i, n: i });
    for (let i = 0; i < 200; i += 2) await c.updateOne({ _id: i }, { $inc: { n: 1000 } });
    await c.deleteMany({ _id: { $gte: 190 } });
    await store.stop();
    expect(await filesOf(dir(), 'snapshot')).to.have.length(1);
    expect(await filesOf(dir(), 'journal')).to.have.length(1);

    store = await start();
    const docs = await (await connect(store)).db('club').collection('counters').find().toArray();
    expect(docs).to.have.length(190);
    expect(docs[0]).to.deep.equal({ _id: 0, n: 1000 });
    expect(docs[189]).to.deep.equal({ _id: 189, n: 189 });
  });

  it('starts empty with reset: true and leaves files that are not its own', async () => {
    let store = await start();
    await (await connect(store)).db('club').collection('people').insertOne({ name: 'Aiko' });
    await store.stop();
    await writeFile(path.join(dir(), 'notes.txt'), 'mine');

    store = await start({ reset: true });
    const client = await connect(store);
    expect((await client.db('admin').admin().listDatabases()).databases).to.deep.equal([]);
    expect(await readFile(path.join(dir(), 'notes.txt'), 'utf8')).to.equal('mine');
  });

  it('refuses a second store on a data directory a running store holds', async () => {
    await start();
    const error = await start().catch((e: unknown) => e);
    expect(String(error)).to.match(/already used by a store in this process/);
  });
});
