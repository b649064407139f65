/**
 * Conformance: TTL indexes. MongoDB removes a document once its indexed date plus
 * expireAfterSeconds has passed, by a background sweep (every 60 s on a real mongod); documents
 * whose field is not a date, or is missing, never expire. The test polls with a bounded deadline:
 * generous against a real MongoDB, short against the embedded store, which sweeps often.
 */
import { expect } from 'chai';
import { useDriver } from '../../support/database.js';
import { looseCollection, usingRealMongo, waitUntil } from './support/target.js';

const REAL_SWEEP_DEADLINE_MS = 150_000;
const EMBEDDED_SWEEP_DEADLINE_MS = 15_000;

describe('store conformance: TTL indexes', () => {
  const { db } = useDriver('ttl');
  const deadlineMs = usingRealMongo() ? REAL_SWEEP_DEADLINE_MS : EMBEDDED_SWEEP_DEADLINE_MS;

  it('lists expireAfterSeconds on the index', async () => {
    const c = looseCollection(db(), 'listed-ttl');
    await c.createIndex({ expireAt: 1 }, { expireAfterSeconds: 3600 });
    const index = (await c.listIndexes().toArray()).find((i) => i.name === 'expireAt_1');
    expect(index?.expireAfterSeconds).to.equal(3600);
  });

  it('removes documents whose date has passed and keeps future, missing and non-date values', async function () {
    this.timeout(deadlineMs + 10_000);
    const c = looseCollection(db(), 'sessions');
    await c.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0 });
    const now = Date.now();
    await c.insertMany([
      { _id: 'expired', expireAt: new Date(now - 60_000) },
      { _id: 'expired-array', expireAt: [new Date(now + 86_400_000), new Date(now - 60_000)] },
      { _id: 'future', expireAt: new Date(now + 86_400_000) },
      { _id: 'no-field' },
      { _id: 'not-a-date', expireAt: 'yesterday' },
    ] as Array<{ _id: string; expireAt?: unknown }>);

    // With expireAfterSeconds 60, a document dated two minutes ago is due, one dated an hour ahead is not.
    const activity = looseCollection(db(), 'activity');
    await activity.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    await activity.insertMany([
      { _id: 'old', at: new Date(now - 120_000) },
      { _id: 'later', at: new Date(now + 3_600_000) },
    ] as Array<{ _id: string; at: Date }>);

    // An array of dates expires by its earliest date (documented).
    const gone = await waitUntil(
      async () =>
        (await c.countDocuments({ _id: { $in: ['expired', 'expired-array'] } })) === 0 &&
        (await activity.countDocuments({ _id: 'old' })) === 0,
      deadlineMs,
      250,
    );
    expect(gone, `expired documents still present after ${deadlineMs} ms`).to.equal(true);
    const left = (await c.find().toArray()).map((d) => d._id).sort();
    expect(left).to.deep.equal(['future', 'no-field', 'not-a-date']);
    expect((await activity.find().toArray()).map((d) => d._id)).to.deep.equal(['later']);
  });
});
