/**
 * Conformance: upserts — $setOnInsert, the inserted document seeded from the filter's equality
 * fields (plain, dotted, $eq, inside $and), replacement upserts and updateMany upserts.
 */
import { expect } from 'chai';
import { ObjectId } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection } from './support/target.js';

describe('store conformance: upserts', () => {
  const { db } = useDriver('upsert');

  describe('upsert', () => {
    it('$setOnInsert applies only when the upsert inserts', async () => {
      const c = looseCollection(db(), 'setoninsert');
      const first = await c.updateOne(
        { _id: 'n' },
        { $set: { a: 1 }, $setOnInsert: { created: 'first' } },
        { upsert: true },
      );
      expect(first.upsertedId).to.equal('n');
      expect(first.upsertedCount).to.equal(1);
      const second = await c.updateOne(
        { _id: 'n' },
        { $set: { a: 2 }, $setOnInsert: { created: 'second' } },
        { upsert: true },
      );
      expect(second.matchedCount).to.equal(1);
      expect(second.upsertedId).to.equal(null);
      expect(await c.findOne({ _id: 'n' })).to.deep.equal({ _id: 'n', a: 2, created: 'first' });
    });

    it('seeds the inserted document from equality fields: plain, dotted, $eq and inside $and', async () => {
      const c = looseCollection(db(), 'seeded');
      const result = await c.updateOne(
        { a: 1, 'b.c': 2, d: { $eq: 3 }, e: { $gt: 5 }, $and: [{ f: 'x' }] },
        { $set: { g: true } },
        { upsert: true },
      );
      expect(result.upsertedId).to.be.instanceOf(ObjectId);
      const stored = await c.findOne({ _id: result.upsertedId as ObjectId }, { projection: { _id: 0 } });
      expect(stored).to.deep.equal({ a: 1, b: { c: 2 }, d: 3, f: 'x', g: true });
    });

    it('applies the update after seeding, so $set wins over a filter value', async () => {
      const c = looseCollection(db(), 'seeded-override');
      await c.updateOne({ k: 'v', n: 1 }, { $set: { n: 2 } }, { upsert: true });
      expect(await c.findOne({}, { projection: { _id: 0 } })).to.deep.equal({ k: 'v', n: 2 });
    });

    it('an upserting replacement keeps only the replacement (plus an _id from the filter)', async () => {
      const c = looseCollection(db(), 'replace-upsert');
      await c.replaceOne({ k: 'v', n: 5 }, { other: 1 }, { upsert: true });
      await c.replaceOne({ _id: 'fixed' }, { other: 2 }, { upsert: true });
      const docs = await c
        .find({}, { projection: { _id: 0 } })
        .sort({ other: 1 })
        .toArray();
      expect(docs).to.deep.equal([{ other: 1 }, { other: 2 }]);
      expect(await c.findOne({ _id: 'fixed' })).to.deep.equal({ _id: 'fixed', other: 2 });
    });

    it('updateMany with upsert inserts a single document when nothing matches', async () => {
      const c = looseCollection(db(), 'many-upsert');
      const result = await c.updateMany({ kind: 'k' }, { $inc: { n: 1 } }, { upsert: true });
      expect(result.upsertedCount).to.equal(1);
      expect(result.matchedCount).to.equal(0);
      expect(await c.find({}, { projection: { _id: 0 } }).toArray()).to.deep.equal([{ kind: 'k', n: 1 }]);
    });
  });
});
