/**
 * `npm run bench:db` — a benchmark (not a test) of the embedded MongoDB-compatible store for tests and the
 * sandbox, measured through the real `mongodb` driver over TCP:
 * - inserts/s into a collection with a unique index (insertOne round trips, one writer and 16 concurrent
 *   ones, and insertMany batches);
 * - findOne-by-_id/s;
 * - time per `_id` lookup at 100,000 documents ÷ time at 1,000 (target ≤ 2: lookups use the `_id` map, no scan).
 * Everything is measured twice: in memory (the default), then with `dataDir` set (every reply waits for its
 * fdatasync), followed by the time to start again on that directory and load what was written.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient, type Collection } from 'mongodb';
import { startEmbeddedStore, type EmbeddedStoreOptions } from '../sandbox/store/index.js';

const LOOKUPS = 5_000;
const SINGLE_INSERTS = 5_000;
const WRITERS = 16;
const BATCH = 1_000;
const TARGET_RATIO = 2;

interface Row {
  measure: string;
  value: string;
  baseline: string;
}

interface Figure {
  measure: string;
  value: number;
  digits: number;
  target?: (value: number) => string;
}

type Doc = { _id: number; email: string; n: number };

async function insertRange(c: Collection<Doc>, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const docs: Doc[] = [];
    for (let i = start; i < Math.min(start + BATCH, to); i++)
      docs.push({ _id: i, email: `user${i}@example.test`, n: i });
    await c.insertMany(docs, { ordered: true });
  }
}

/** Mean milliseconds per findOne({ _id }) over random existing ids (after a short warm-up). */
async function timeLookups(c: Collection<Doc>, size: number): Promise<number> {
  const ids = Array.from({ length: LOOKUPS }, () => Math.floor(Math.random() * size));
  for (const id of ids.slice(0, 200)) await c.findOne({ _id: id });
  const started = performance.now();
  for (const id of ids) {
    const doc = await c.findOne({ _id: id });
    if (!doc) throw new Error(`document ${id} missing`);
  }
  return (performance.now() - started) / ids.length;
}

/** One full run against a store started with `options`. */
async function measure(options: EmbeddedStoreOptions): Promise<Figure[]> {
  const store = await startEmbeddedStore(options);
  const client = await MongoClient.connect(store.uri);
  const figures: Figure[] = [];
  try {
    const db = client.db('bench');
    const singles = db.collection<Doc>('singles');
    await singles.createIndex({ email: 1 }, { unique: true });
    let started = performance.now();
    for (let i = 0; i < SINGLE_INSERTS; i++)
      await singles.insertOne({ _id: i, email: `s${i}@example.test`, n: i });
    const insertOnePerSecond = SINGLE_INSERTS / ((performance.now() - started) / 1000);
    figures.push({ measure: 'insertOne/s (unique index on email)', value: insertOnePerSecond, digits: 0 });

    // Concurrent writers share each fdatasync when dataDir is set (group commit).
    const shared = db.collection<Doc>('shared');
    await shared.createIndex({ email: 1 }, { unique: true });
    started = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = w; i < SINGLE_INSERTS; i += WRITERS)
          await shared.insertOne({ _id: i, email: `c${i}@example.test`, n: i });
      }),
    );
    figures.push({
      measure: `insertOne/s, ${WRITERS} concurrent writers`,
      value: SINGLE_INSERTS / ((performance.now() - started) / 1000),
      digits: 0,
    });

    // Both sizes are measured in the same warm process, the small collection twice (before and after the large
    // one), to cancel JIT warm-up and load drift on a shared machine.
    const few = db.collection<Doc>('few');
    await few.createIndex({ email: 1 }, { unique: true });
    await insertRange(few, 0, 1_000);
    await timeLookups(few, 1_000);
    const smallBefore = await timeLookups(few, 1_000);

    const people = db.collection<Doc>('people');
    await people.createIndex({ email: 1 }, { unique: true });
    started = performance.now();
    await insertRange(people, 0, 100_000);
    const batchedPerSecond = 100_000 / ((performance.now() - started) / 1000);
    figures.push({
      measure: `insertMany docs/s (batches of ${BATCH}, unique index)`,
      value: batchedPerSecond,
      digits: 0,
    });
    const large = await timeLookups(people, 100_000);
    const small = (smallBefore + (await timeLookups(few, 1_000))) / 2;
    figures.push({ measure: 'findOne by _id/s at 1,000 docs', value: 1000 / small, digits: 0 });
    figures.push({ measure: 'findOne by _id/s at 100,000 docs', value: 1000 / large, digits: 0 });
    figures.push({
      measure: 'time per _id lookup, 100,000 ÷ 1,000 docs',
      value: large / small,
      digits: 2,
      target: (ratio) => `<= ${TARGET_RATIO} ${ratio <= TARGET_RATIO ? '(met)' : '(NOT met)'}`,
    });
  } finally {
    await client.close();
    await store.stop();
  }
  if (options.dataDir) {
    const started = performance.now();
    const reopened = await startEmbeddedStore({ dataDir: options.dataDir });
    const ms = performance.now() - started;
    await reopened.stop();
    figures.push({ measure: 'start again and load 111,000 docs (ms)', value: ms, digits: 0 });
  }
  return figures;
}

async function main(): Promise<void> {
  const memory = await measure({});
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tsunagu-store-bench-'));
  let disk: Figure[];
  try {
    disk = await measure({ dataDir });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const rows: Row[] = disk.map((figure) => {
    const inMemory = memory.find((m) => m.measure === figure.measure);
    return {
      measure: figure.measure,
      value: `${inMemory ? inMemory.value.toFixed(figure.digits) : '-'} | ${figure.value.toFixed(figure.digits)}`,
      baseline: figure.target?.(figure.value) ?? 'report',
    };
  });
  const width = (key: keyof Row): number => Math.max(key.length, ...rows.map((r) => r[key].length));
  const line = (r: Row): string =>
    `${r.measure.padEnd(width('measure'))} | ${r.value.padStart(width('value'))} | ${r.baseline}`;
  process.stdout.write(
    'embedded MongoDB-compatible store (tests and sandbox) — benchmark via the mongodb driver\n',
  );
  process.stdout.write(
    `${line({ measure: 'measure', value: 'in memory | dataDir', baseline: 'target (dataDir)' })}\n`,
  );
  process.stdout.write(`${'-'.repeat(width('measure') + width('value') + 24)}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
