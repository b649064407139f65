/**
 * `npm run bench:db` — a benchmark (not a test) of the embedded MongoDB-compatible store for tests and the
 * sandbox, measured through the real `mongodb` driver over TCP:
 * - inserts/s into a collection with a unique index (insertOne round trips, and insertMany batches);
 * - findOne-by-_id/s;
 * - time per `_id` lookup at 100,000 documents ÷ time at 1,000 (target ≤ 2: lookups use the `_id` map, no scan).
 */
import { performance } from 'node:perf_hooks';
import { MongoClient, type Collection } from 'mongodb';
import { startEmbeddedStore } from '../sandbox/store/index.js';

const LOOKUPS = 5_000;
const SINGLE_INSERTS = 5_000;
const BATCH = 1_000;
const TARGET_RATIO = 2;

interface Row {
  measure: string;
  value: string;
  baseline: string;
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

async function main(): Promise<void> {
  const store = await startEmbeddedStore();
  const client = await MongoClient.connect(store.uri);
  const rows: Row[] = [];
  try {
    const db = client.db('bench');
    const singles = db.collection<Doc>('singles');
    await singles.createIndex({ email: 1 }, { unique: true });
    let started = performance.now();
    for (let i = 0; i < SINGLE_INSERTS; i++)
      await singles.insertOne({ _id: i, email: `s${i}@example.test`, n: i });
    const insertOnePerSecond = SINGLE_INSERTS / ((performance.now() - started) / 1000);
    rows.push({
      measure: 'insertOne/s (unique index on email)',
      value: insertOnePerSecond.toFixed(0),
      baseline: 'report',
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
    rows.push({
      measure: `insertMany docs/s (batches of ${BATCH}, unique index)`,
      value: batchedPerSecond.toFixed(0),
      baseline: 'report',
    });
    const large = await timeLookups(people, 100_000);
    const small = (smallBefore + (await timeLookups(few, 1_000))) / 2;
    rows.push({
      measure: 'findOne by _id/s at 1,000 docs',
      value: (1000 / small).toFixed(0),
      baseline: 'report',
    });
    rows.push({
      measure: 'findOne by _id/s at 100,000 docs',
      value: (1000 / large).toFixed(0),
      baseline: 'report',
    });
    const ratio = large / small;
    rows.push({
      measure: 'time per _id lookup, 100,000 ÷ 1,000 docs',
      value: ratio.toFixed(2),
      baseline: `<= ${TARGET_RATIO} ${ratio <= TARGET_RATIO ? '(met)' : '(NOT met)'}`,
    });
  } finally {
    await client.close();
    await store.stop();
  }
  const width = (key: keyof Row): number => Math.max(key.length, ...rows.map((r) => r[key].length));
  const line = (r: Row): string =>
    `${r.measure.padEnd(width('measure'))} | ${r.value.padStart(width('value'))} | ${r.baseline}`;
  process.stdout.write(
    'embedded MongoDB-compatible store (tests and sandbox) — benchmark via the mongodb driver\n',
  );
  process.stdout.write(`${line({ measure: 'measure', value: 'value', baseline: 'target' })}\n`);
  process.stdout.write(`${'-'.repeat(width('measure') + width('value') + 20)}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
