/**
 * Conformance: insert, count, distinct, delete, replace, bulk writes and concurrent writes,
 * through the real `mongodb` driver. Expected values follow the MongoDB manual.
 */
import { expect } from 'chai';
import { Binary, Decimal128, Long, ObjectId } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection } from './support/target.js';

describe('store conformance: CRUD through the mongodb driver', () => {
  const { db } = useDriver('crud');

  describe('insert', () => {
    it('assigns an ObjectId _id when the document has none and returns it', async () => {
      const people = looseCollection(db(), 'people');
      const result = await people.insertOne({ name: 'Aiko' });
      expect(result.acknowledged).to.equal(true);
      expect(result.insertedId).to.be.instanceOf(ObjectId);
      const stored = await people.findOne({ _id: result.insertedId });
      expect(stored).to.deep.equal({ _id: result.insertedId, name: 'Aiko' });
    });

    it('keeps a caller-chosen _id of any BSON type', async () => {
      const things = looseCollection(db(), 'things');
      await things.insertMany([
        { _id: 'text-id', kind: 'string' },
        { _id: 42, kind: 'number' },
        { _id: { guild: '1', user: '2' }, kind: 'document' },
      ]);
      expect(await things.findOne({ _id: 'text-id' })).to.deep.equal({ _id: 'text-id', kind: 'string' });
      expect(await things.findOne({ _id: 42 })).to.deep.equal({ _id: 42, kind: 'number' });
      expect(await things.findOne({ _id: { guild: '1', user: '2' } })).to.deep.equal({
        _id: { guild: '1', user: '2' },
        kind: 'document',
      });
    });

    it('insertMany reports every inserted id by position', async () => {
      const result = await looseCollection(db(), 'many').insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(result.insertedCount).to.equal(3);
      expect(Object.keys(result.insertedIds)).to.deep.equal(['0', '1', '2']);
      expect(await looseCollection(db(), 'many').countDocuments()).to.equal(3);
    });

    it('round-trips BSON types without loss (int64 beyond 2^53, decimal, binary, dates, nesting)', async () => {
      const bson = looseCollection(db(), 'bson');
      const when = new Date('2026-03-01T16:00:00.123Z');
      await bson.insertOne({
        _id: 1,
        big: Long.fromString('9007199254740993'),
        price: Decimal128.fromString('19.99'),
        blob: new Binary(Buffer.from([0, 1, 2, 255])),
        when,
        nested: { list: [1, 'two', [3], { four: 4 }, null, true] },
      });
      const stored = await bson.findOne({ _id: 1 }, { useBigInt64: true });
      expect(stored?.big).to.equal(9007199254740993n);
      expect(stored?.price).to.be.instanceOf(Decimal128);
      expect(stored?.price.toString()).to.equal('19.99');
      expect(Buffer.from((stored?.blob as Binary).buffer)).to.deep.equal(Buffer.from([0, 1, 2, 255]));
      expect(stored?.when).to.deep.equal(when);
      expect(stored?.nested).to.deep.equal({ list: [1, 'two', [3], { four: 4 }, null, true] });
    });

    it('accepts an insertMany large enough that the driver splits it into several messages', async function () {
      this.timeout(60_000);
      const big = looseCollection(db(), 'big-batch');
      const payload = 'x'.repeat(50_000);
      // 1,200 × 50 kB ≈ 60 MB, above the 48 MB maxMessageSizeBytes, so at least two messages.
      const result = await big.insertMany(Array.from({ length: 1200 }, (_, i) => ({ _id: i, payload })));
      expect(result.insertedCount).to.equal(1200);
      expect(await big.countDocuments()).to.equal(1200);
      const last = await big.findOne({ _id: 1199 });
      expect(last?.payload).to.have.length(50_000);
      await big.drop();
    });

    it('keeps int32 and double distinct, as $type queries show', async () => {
      const numbers = looseCollection(db(), 'numbers');
      await numbers.insertMany([
        { _id: 'int', v: 1 },
        { _id: 'double', v: 1.5 },
        { _id: 'long', v: Long.fromNumber(7) },
      ]);
      const ids = async (type: string) =>
        (await numbers.find({ v: { $type: type } }).toArray()).map((d) => d._id).sort();
      expect(await ids('int')).to.deep.equal(['int']);
      expect(await ids('double')).to.deep.equal(['double']);
      expect(await ids('long')).to.deep.equal(['long']);
      expect(await ids('number')).to.deep.equal(['double', 'int', 'long']);
    });
  });

  describe('count and distinct', () => {
    const seed = async () => {
      const c = looseCollection(db(), 'counted');
      await c.insertMany([
        { k: 1, tags: ['a', 'b'], place: { city: 'Tokyo' } },
        { k: 2, tags: ['b', 'c'], place: { city: 'Osaka' } },
        { k: 3, tags: 'd', place: { city: 'Tokyo' } },
        { k: 4 },
      ]);
      return c;
    };

    it('counts with the count command, countDocuments and estimatedDocumentCount', async () => {
      const c = await seed();
      const raw = await db().command({ count: 'counted', query: { k: { $gte: 2 } } });
      expect(raw.n).to.equal(3);
      expect(raw.ok).to.equal(1);
      expect(await c.countDocuments()).to.equal(4);
      expect(await c.countDocuments({ k: { $gt: 1 } }, { skip: 1, limit: 5 })).to.equal(2);
      expect(await c.estimatedDocumentCount()).to.equal(4);
      expect(await looseCollection(db(), 'never-created').countDocuments()).to.equal(0);
    });

    it('returns distinct values, unwinding arrays and honouring the filter', async () => {
      const c = await seed();
      expect((await c.distinct('tags')).sort()).to.deep.equal(['a', 'b', 'c', 'd']);
      expect((await c.distinct('tags', { k: { $lte: 2 } })).sort()).to.deep.equal(['a', 'b', 'c']);
      expect((await c.distinct('place.city')).sort()).to.deep.equal(['Osaka', 'Tokyo']);
      const raw = await db().command({ distinct: 'counted', key: 'k', query: { k: { $in: [1, 4] } } });
      expect((raw.values as number[]).sort()).to.deep.equal([1, 4]);
    });
  });

  describe('delete and replace', () => {
    it('deleteOne removes exactly one match and deleteMany removes all matches', async () => {
      const c = looseCollection(db(), 'deletions');
      await c.insertMany([{ g: 'x' }, { g: 'x' }, { g: 'x' }, { g: 'y' }]);
      expect((await c.deleteOne({ g: 'x' })).deletedCount).to.equal(1);
      expect(await c.countDocuments({ g: 'x' })).to.equal(2);
      expect((await c.deleteMany({ g: 'x' })).deletedCount).to.equal(2);
      expect((await c.deleteOne({ g: 'none' })).deletedCount).to.equal(0);
      expect(await c.find({}, { projection: { _id: 0 } }).toArray()).to.deep.equal([{ g: 'y' }]);
    });

    it('the delete command honours limit 1 and limit 0 per statement and reports n', async () => {
      const c = looseCollection(db(), 'raw-delete');
      await c.insertMany([{ g: 'x' }, { g: 'x' }, { g: 'y' }, { g: 'y' }]);
      const reply = await db().command({
        delete: 'raw-delete',
        deletes: [
          { q: { g: 'x' }, limit: 1 },
          { q: { g: 'y' }, limit: 0 },
        ],
      });
      expect(reply).to.deep.include({ ok: 1, n: 3 });
      expect(await c.find({}, { projection: { _id: 0 } }).toArray()).to.deep.equal([{ g: 'x' }]);
    });

    it('replaceOne swaps the whole document but keeps _id', async () => {
      const c = looseCollection(db(), 'replaced');
      await c.insertOne({ _id: 7, a: 1, b: 2 });
      const result = await c.replaceOne({ _id: 7 }, { c: 3 });
      expect(result.matchedCount).to.equal(1);
      expect(result.modifiedCount).to.equal(1);
      expect(await c.findOne({ _id: 7 })).to.deep.equal({ _id: 7, c: 3 });
    });
  });

  describe('concurrency', () => {
    it('applies 50 concurrent $inc updates to one document without losing any', async () => {
      const c = looseCollection(db(), 'counter');
      await c.insertOne({ _id: 'hits', n: 0 });
      await Promise.all(Array.from({ length: 50 }, () => c.updateOne({ _id: 'hits' }, { $inc: { n: 1 } })));
      expect(await c.findOne({ _id: 'hits' })).to.deep.equal({ _id: 'hits', n: 50 });
    });

    it('hands each of 20 concurrent findOneAndUpdate claims a different document', async () => {
      const c = looseCollection(db(), 'queue');
      await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, claimed: false })));
      const claimed = await Promise.all(
        Array.from({ length: 20 }, (_, worker) =>
          c.findOneAndUpdate(
            { claimed: false },
            { $set: { claimed: true, worker } },
            { returnDocument: 'after' },
          ),
        ),
      );
      const ids = claimed.map((d) => d?._id as number).sort((a, b) => a - b);
      expect(ids).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
      expect(await c.countDocuments({ claimed: false })).to.equal(0);
    });
  });

  describe('bulk writes', () => {
    it('applies mixed operations in order and reports each count', async () => {
      const c = looseCollection(db(), 'bulk');
      await c.insertMany([
        { _id: 1, n: 1 },
        { _id: 2, n: 2 },
        { _id: 3, n: 3 },
      ]);
      const result = await c.bulkWrite([
        { insertOne: { document: { _id: 4, n: 4 } } },
        { updateOne: { filter: { _id: 1 }, update: { $set: { n: 10 } } } },
        { updateMany: { filter: { n: { $gte: 3 } }, update: { $inc: { n: 100 } } } },
        { deleteOne: { filter: { _id: 2 } } },
        { replaceOne: { filter: { _id: 9 }, replacement: { n: 9 }, upsert: true } },
      ]);
      expect(result.insertedCount).to.equal(1);
      // updateOne matches _id 1; updateMany then matches _id 1 (n 10), 3 and 4.
      expect(result.matchedCount).to.equal(4);
      expect(result.modifiedCount).to.equal(4);
      expect(result.deletedCount).to.equal(1);
      expect(result.upsertedCount).to.equal(1);
      expect(result.upsertedIds).to.deep.equal({ 4: 9 });
      const docs = await c.find().sort({ _id: 1 }).toArray();
      expect(docs).to.deep.equal([
        { _id: 1, n: 110 },
        { _id: 3, n: 103 },
        { _id: 4, n: 104 },
        { _id: 9, n: 9 },
      ]);
    });
  });
});
