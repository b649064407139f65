/**
 * Persistence of the embedded store under `kill -9`: the store runs as its own process (`tsx
 * sandbox/store/main.ts --data-dir …`, as `npm run db` runs it), concurrent writers hammer it, and it is killed
 * mid-burst — with compaction set to run constantly, so kills also land inside compactions. After each restart
 * every acknowledged write is there and the state is consistent: each writer's documents form an unbroken
 * prefix (a writer sends its next insert only after the previous one was acknowledged), each insertMany is
 * whole or absent (one command is one journal record), and counters lie between their last acknowledged and
 * their last attempted value.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { MongoClient, type Collection } from 'mongodb';
import { startEmbeddedStore } from '../../../sandbox/store/index.js';
import { spawnStore } from './support/data-dir.js';

const WRITERS = 6;
const BATCH = 25;

interface Acked {
  /** Per writer: inserts acknowledged (i = 0 … n-1), and the one in flight when the store died. */
  inserts: number[];
  /** Per writer: batches acknowledged, and the number attempted. */
  batches: number[];
  attemptedBatches: number[];
  /** Per writer: last acknowledged and last attempted counter value. */
  counter: number[];
  attemptedCounter: number[];
}

type Doc = { _id: string; w: number; i: number; batch?: number; payload?: string; value?: number };

/** One writer: an insert, every 5th step a whole batch, every 3rd step a counter $inc; until the store dies. */
async function writer(c: Collection<Doc>, w: number, acked: Acked): Promise<void> {
  for (let step = 0; ; step++) {
    try {
      const i = acked.inserts[w]!;
      await c.insertOne({ _id: `w${w}-${i}`, w, i, payload: 'x'.repeat(200) });
      acked.inserts[w] = i + 1;
      if (step % 5 === 0) {
        const b = (acked.attemptedBatches[w] = acked.batches[w]! + 1) - 1;
        const docs = Array.from({ length: BATCH }, (_, k) => ({ _id: `b${w}-${b}-${k}`, w, i: k, batch: b }));
        await c.insertMany(docs);
        acked.batches[w] = b + 1;
      }
      if (step % 3 === 0) {
        acked.attemptedCounter[w] = acked.counter[w]! + 1;
        await c.updateOne({ _id: `counter-${w}` }, { $inc: { value: 1 }, $set: { w } }, { upsert: true });
        acked.counter[w] = acked.attemptedCounter[w]!;
      }
    } catch {
      return; // the store was killed
    }
  }
}

async function checkConsistent(c: Collection<Doc>, acked: Acked): Promise<void> {
  const docs = await c.find().toArray();
  for (let w = 0; w < WRITERS; w++) {
    const singles = docs.filter((d) => d.w === w && d._id.startsWith(`w${w}-`)).map((d) => d.i);
    singles.sort((a, b) => a - b);
    expect(singles.length, `writer ${w}: acknowledged inserts`).to.be.at.least(acked.inserts[w]!);
    expect(singles, `writer ${w}: inserts form a prefix`).to.deep.equal(singles.map((_, k) => k));
    expect(singles.length, `writer ${w}: at most the in-flight insert beyond the acknowledged`).to.be.at.most(
      acked.inserts[w]! + 1,
    );
    for (let b = 0; b < acked.attemptedBatches[w]!; b++) {
      const size = docs.filter((d) => d.w === w && d.batch === b).length;
      if (b < acked.batches[w]!) expect(size, `writer ${w} batch ${b}`).to.equal(BATCH);
      else expect([0, BATCH], `writer ${w} batch ${b} (in flight)`).to.include(size);
    }
    const counter = docs.find((d) => d._id === `counter-${w}`)?.value ?? 0;
    expect(counter, `writer ${w}: counter`).to.be.within(acked.counter[w]!, acked.attemptedCounter[w]!);
    // What was found becomes the baseline of the next round.
    acked.inserts[w] = singles.length;
    acked.counter[w] = acked.attemptedCounter[w] = counter;
    const batches = new Set(docs.filter((d) => d.w === w && d.batch !== undefined).map((d) => d.batch));
    acked.batches[w] = acked.attemptedBatches[w] = batches.size;
  }
}

describe('store persistence: kill -9 in the middle of a burst of writes', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tsunagu-store-crash-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds every acknowledged write and a consistent state after each kill', async function () {
    this.timeout(90_000);
    const zeros = (): number[] => Array.from({ length: WRITERS }, () => 0);
    const acked: Acked = {
      inserts: zeros(),
      batches: zeros(),
      attemptedBatches: zeros(),
      counter: zeros(),
      attemptedCounter: zeros(),
    };
    for (let round = 0; round < 3; round++) {
      const store = await spawnStore(dir, ['--compact-after-bytes', '32768']);
      const client = await MongoClient.connect(store.uri, {
        retryWrites: false,
        serverSelectionTimeoutMS: 2000,
      });
      const c = client.db('crash').collection<Doc>('writes');
      if (round > 0) await checkConsistent(c, acked);
      if (round === 0) await c.createIndex({ w: 1, i: 1, batch: 1 }, { unique: true });
      const before = acked.inserts.reduce((a, b) => a + b);
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(c, w, acked));
      await new Promise((resolve) => setTimeout(resolve, 700 + Math.random() * 800));
      store.process.kill('SIGKILL');
      await Promise.all(writers);
      await store.exited;
      await client.close(true);
      expect(
        acked.inserts.reduce((a, b) => a + b),
        'the burst wrote something',
      ).to.be.greaterThan(before);
    }
    const store = await spawnStore(dir);
    const client = await MongoClient.connect(store.uri, { serverSelectionTimeoutMS: 2000 });
    try {
      const c = client.db('crash').collection<Doc>('writes');
      await checkConsistent(c, acked);
      const unique = (await c.listIndexes().toArray()).find((i) => i.name === 'w_1_i_1_batch_1');
      expect(unique?.['unique']).to.equal(true);
      const error = await c.insertOne({ _id: 'again', w: 0, i: 0 }).catch((e: { code?: number }) => e);
      expect((error as { code?: number }).code).to.equal(11000);
    } finally {
      await client.close();
      store.process.kill('SIGTERM');
      await store.exited;
    }
  });

  it('refuses to open a data directory that a live store process holds, and takes it over once killed', async () => {
    const store = await spawnStore(dir);
    const refused = await startEmbeddedStore({ dataDir: dir }).catch((e: unknown) => e);
    expect(String(refused)).to.match(new RegExp(`in use by another store \\(pid ${store.process.pid}\\)`));
    store.process.kill('SIGKILL');
    await store.exited;
    const taken = await startEmbeddedStore({ dataDir: dir });
    await taken.stop();
  });
});
