/**
 * Conformance: insert, find (filter, sort, skip, limit, projection), count, distinct, delete,
 * replace, findAndModify and bulk writes, through the real `mongodb` driver. Expected values
 * follow the MongoDB manual (query operators, sort order, projection, findAndModify).
 */
import { expect } from 'chai';
import { Binary, Decimal128, Double, Long, ObjectId, type Document } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection, serverError } from './support/target.js';

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

  describe('BSON comparison semantics', () => {
    it('treats int32, int64, double and decimal holding the same value as equal', async () => {
      const c = looseCollection(db(), 'numeric-equality');
      await c.insertMany([
        { _id: 'int', v: 5 },
        { _id: 'long', v: Long.fromNumber(5) },
        { _id: 'double', v: new Double(5) },
        { _id: 'decimal', v: Decimal128.fromString('5.0') },
        { _id: 'other', v: 6 },
      ]);
      const ids = async (filter: Document) => (await c.find(filter).toArray()).map((d) => d._id).sort();
      expect(await ids({ v: 5 })).to.deep.equal(['decimal', 'double', 'int', 'long']);
      expect(await ids({ v: Long.fromNumber(5) })).to.deep.equal(['decimal', 'double', 'int', 'long']);
      expect(await ids({ v: { $gt: Decimal128.fromString('5.5') } })).to.deep.equal(['other']);
      expect(await ids({ v: { $in: [new Double(6)] } })).to.deep.equal(['other']);
    });

    it('finds a document by _id whatever numeric type the query uses', async () => {
      const c = looseCollection(db(), 'numeric-ids');
      await c.insertOne({ _id: 1, name: 'one' });
      for (const id of [1, Long.fromNumber(1), new Double(1), Decimal128.fromString('1')]) {
        expect(await c.findOne({ _id: id as number })).to.deep.equal({ _id: 1, name: 'one' });
      }
    });

    it('matches a whole embedded document only with the same fields in the same order', async () => {
      const c = looseCollection(db(), 'embedded-equality');
      await c.insertOne({ _id: 1, size: { h: 14, w: 21, uom: 'cm' } });
      expect(await c.countDocuments({ size: { h: 14, w: 21, uom: 'cm' } })).to.equal(1);
      expect(await c.countDocuments({ size: { w: 21, h: 14, uom: 'cm' } })).to.equal(0);
      expect(await c.countDocuments({ size: { h: 14, w: 21 } })).to.equal(0);
    });

    it('matches an array exactly (order matters) or by one of its elements', async () => {
      const c = looseCollection(db(), 'array-equality');
      await c.insertMany([
        { _id: 1, tags: ['red', 'blank'] },
        { _id: 2, tags: ['blank', 'red'] },
        { _id: 3, tags: [['red', 'blank'], 'x'] },
      ]);
      const ids = async (filter: Document) =>
        (await c.find(filter).toArray()).map((d) => d._id as number).sort((a, b) => a - b);
      expect(await ids({ tags: ['red', 'blank'] })).to.deep.equal([1, 3]);
      expect(await ids({ tags: 'red' })).to.deep.equal([1, 2]);
      expect(await ids({ 'tags.1': 'red' })).to.deep.equal([2]);
    });

    it('compares dates and ObjectIds by value in ranges and sorts', async () => {
      const c = looseCollection(db(), 'dates');
      const ids = [new ObjectId('000000000000000000000001'), new ObjectId('000000000000000000000002')];
      await c.insertMany([
        { _id: ids[1], at: new Date('2026-03-02T00:00:00Z') },
        { _id: ids[0], at: new Date('2026-03-01T00:00:00Z') },
      ]);
      const after = await c.find({ at: { $gt: new Date('2026-03-01T12:00:00Z') } }).toArray();
      expect(after.map((d) => String(d._id))).to.deep.equal([String(ids[1])]);
      const sorted = await c.find().sort({ _id: 1 }).toArray();
      expect(sorted.map((d) => String(d._id))).to.deep.equal(ids.map(String));
    });

    it('accepts comment and maxTimeMS on find', async () => {
      const c = looseCollection(db(), 'options');
      await c.insertOne({ a: 1 });
      const docs = await c.find({ a: 1 }, { comment: 'conformance', maxTimeMS: 5000 }).toArray();
      expect(docs).to.have.length(1);
    });
  });

  describe('find filters', () => {
    const seed = async () => {
      const c = looseCollection(db(), 'members');
      await c.insertMany([
        { _id: 1, name: 'Aiko', age: 31, tags: ['eng', 'tokyo'], org: { city: 'Tokyo' } },
        { _id: 2, name: 'alan', age: 45, tags: ['sales'], org: { city: 'Osaka' } },
        { _id: 3, name: 'Ben', age: 28, tags: [], org: { city: 'Tokyo' }, left: null },
        { _id: 4, name: 'Chie', tags: ['eng'], score: 'high' },
      ]);
      return c;
    };
    const idsOf = (docs: Document[]) => docs.map((d) => d._id as number).sort((a, b) => a - b);

    it('matches comparison, set and existence operators', async () => {
      const c = await seed();
      expect(idsOf(await c.find({ age: { $gt: 30 } }).toArray())).to.deep.equal([1, 2]);
      expect(idsOf(await c.find({ age: { $gte: 28, $lt: 40 } }).toArray())).to.deep.equal([1, 3]);
      expect(idsOf(await c.find({ name: { $in: ['Ben', 'Chie'] } }).toArray())).to.deep.equal([3, 4]);
      expect(idsOf(await c.find({ name: { $nin: ['Ben', 'Chie'] } }).toArray())).to.deep.equal([1, 2]);
      expect(idsOf(await c.find({ age: { $exists: false } }).toArray())).to.deep.equal([4]);
      expect(idsOf(await c.find({ age: { $ne: 31 } }).toArray())).to.deep.equal([2, 3, 4]);
    });

    it('matches null against both null and missing fields', async () => {
      const c = await seed();
      expect(idsOf(await c.find({ left: null }).toArray())).to.deep.equal([1, 2, 3, 4]);
      expect(idsOf(await c.find({ left: { $exists: true } }).toArray())).to.deep.equal([3]);
      expect(idsOf(await c.find({ left: { $type: 'null' } }).toArray())).to.deep.equal([3]);
    });

    it('matches array elements, $all, $size and dotted paths into subdocuments', async () => {
      const c = await seed();
      expect(idsOf(await c.find({ tags: 'eng' }).toArray())).to.deep.equal([1, 4]);
      expect(idsOf(await c.find({ tags: { $all: ['eng', 'tokyo'] } }).toArray())).to.deep.equal([1]);
      expect(idsOf(await c.find({ tags: { $size: 0 } }).toArray())).to.deep.equal([3]);
      expect(idsOf(await c.find({ 'org.city': 'Tokyo' }).toArray())).to.deep.equal([1, 3]);
    });

    it('combines $and, $or, $nor, $not, $regex and $expr', async () => {
      const c = await seed();
      expect(idsOf(await c.find({ $or: [{ age: { $lt: 30 } }, { score: 'high' }] }).toArray())).to.deep.equal(
        [3, 4],
      );
      expect(
        idsOf(await c.find({ $and: [{ tags: 'eng' }, { age: { $exists: true } }] }).toArray()),
      ).to.deep.equal([1]);
      expect(idsOf(await c.find({ $nor: [{ 'org.city': 'Tokyo' }, { age: 45 }] }).toArray())).to.deep.equal([
        4,
      ]);
      // $not also matches documents that lack the field (documented).
      expect(idsOf(await c.find({ age: { $not: { $gt: 30 } } }).toArray())).to.deep.equal([3, 4]);
      expect(idsOf(await c.find({ name: { $regex: '^a', $options: 'i' } }).toArray())).to.deep.equal([1, 2]);
      expect(idsOf(await c.find({ name: /^a/ }).toArray())).to.deep.equal([2]);
      expect(idsOf(await c.find({ $expr: { $gt: [{ $size: '$tags' }, 1] } }).toArray())).to.deep.equal([1]);
    });

    it('applies $elemMatch to one element, unlike separate dotted conditions', async () => {
      const orders = looseCollection(db(), 'orders');
      await orders.insertOne({
        _id: 1,
        items: [
          { sku: 'a', qty: 5 },
          { sku: 'b', qty: 1 },
        ],
      });
      expect(await orders.countDocuments({ items: { $elemMatch: { sku: 'b', qty: { $gte: 5 } } } })).to.equal(
        0,
      );
      expect(await orders.countDocuments({ 'items.sku': 'b', 'items.qty': { $gte: 5 } })).to.equal(1);
    });

    it('compares only within a type bracket ($gt on a number never matches strings or booleans)', async () => {
      const c = looseCollection(db(), 'brackets');
      await c.insertMany([
        { _id: 1, v: 2 },
        { _id: 2, v: 'b' },
        { _id: 3, v: [0, 3] },
        { _id: 4, v: true },
      ]);
      expect(idsOf(await c.find({ v: { $gt: 1 } }).toArray())).to.deep.equal([1, 3]);
    });

    it('findOne returns null when nothing matches', async () => {
      await seed();
      expect(await looseCollection(db(), 'members').findOne({ name: 'nobody' })).to.equal(null);
    });
  });

  describe('sort, skip and limit', () => {
    it('sorts on several keys, ties broken by the next key', async () => {
      const c = looseCollection(db(), 'sorting');
      await c.insertMany([
        { _id: 1, team: 'b', score: 3 },
        { _id: 2, team: 'a', score: 1 },
        { _id: 3, team: 'b', score: 9 },
        { _id: 4, team: 'a', score: 5 },
      ]);
      const docs = await c.find().sort({ team: 1, score: -1 }).toArray();
      expect(docs.map((d) => d._id)).to.deep.equal([4, 2, 3, 1]);
    });

    it('orders mixed types by BSON comparison order, missing fields sorting as null', async () => {
      const c = looseCollection(db(), 'mixed');
      await c.insertMany([
        { _id: 1, v: 2 },
        { _id: 2 },
        { _id: 3, v: null },
        { _id: 4, v: 'a' },
        { _id: 5, v: 1 },
      ]);
      const docs = await c.find().sort({ v: 1, _id: 1 }).toArray();
      expect(docs.map((d) => d._id)).to.deep.equal([2, 3, 5, 1, 4]);
    });

    it('compares strings by their UTF-8 bytes, not UTF-16 code units', async () => {
      const c = looseCollection(db(), 'utf8');
      // U+FF5E (fullwidth tilde) is EF BD 9E in UTF-8; U+1F600 is F0 9F 98 80, so it sorts after,
      // although its UTF-16 surrogate D83D is smaller than FF5E.
      await c.insertMany([
        { _id: 1, s: '～' },
        { _id: 2, s: '😀' },
        { _id: 3, s: 'a' },
        { _id: 4, s: 'あ' },
      ]);
      expect((await c.find().sort({ s: 1 }).toArray()).map((d) => d._id)).to.deep.equal([3, 4, 1, 2]);
      expect((await c.find({ s: { $gt: '～' } }).toArray()).map((d) => d._id)).to.deep.equal([2]);
    });

    it('sorts arrays by their smallest element ascending and largest descending', async () => {
      const c = looseCollection(db(), 'arrays');
      await c.insertMany([
        { _id: 'A', v: [1, 6] },
        { _id: 'B', v: [5] },
        { _id: 'C', v: [3, 9] },
      ]);
      expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).to.deep.equal(['A', 'C', 'B']);
      expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).to.deep.equal(['C', 'A', 'B']);
    });

    it('skips and limits after sorting', async () => {
      const c = looseCollection(db(), 'paging');
      await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i, n: 9 - i })));
      const page = await c.find().sort({ n: 1 }).skip(3).limit(4).toArray();
      expect(page.map((d) => d.n)).to.deep.equal([3, 4, 5, 6]);
      expect(await c.find().skip(20).toArray()).to.deep.equal([]);
    });
  });

  describe('projection', () => {
    const seed = async () => {
      const c = looseCollection(db(), 'projected');
      await c.insertOne({
        _id: 1,
        name: 'Aiko',
        secret: 'x',
        profile: { city: 'Tokyo', zip: '100' },
        grades: [70, 88, 95, 60],
      });
      return c;
    };

    it('includes listed fields plus _id unless _id is excluded', async () => {
      const c = await seed();
      expect(await c.findOne({}, { projection: { name: 1 } })).to.deep.equal({ _id: 1, name: 'Aiko' });
      expect(await c.findOne({}, { projection: { _id: 0, 'profile.city': 1 } })).to.deep.equal({
        profile: { city: 'Tokyo' },
      });
    });

    it('excludes only the listed fields', async () => {
      const c = await seed();
      expect(await c.findOne({}, { projection: { secret: 0, grades: 0, 'profile.zip': 0 } })).to.deep.equal({
        _id: 1,
        name: 'Aiko',
        profile: { city: 'Tokyo' },
      });
    });

    it('rejects a projection that mixes inclusion and exclusion', async () => {
      const c = await seed();
      const error = await serverError(() => c.findOne({}, { projection: { name: 1, secret: 0 } }));
      expect(error.code).to.be.a('number');
    });

    it('slices arrays with $slice while keeping the other fields', async () => {
      const c = await seed();
      const first = await c.findOne({}, { projection: { grades: { $slice: 2 } } });
      expect(first).to.deep.include({ name: 'Aiko', secret: 'x', grades: [70, 88] });
      expect((await c.findOne({}, { projection: { grades: { $slice: -1 } } }))?.grades).to.deep.equal([60]);
      expect((await c.findOne({}, { projection: { grades: { $slice: [1, 2] } } }))?.grades).to.deep.equal([
        88, 95,
      ]);
    });

    it('returns only the first matching element with $elemMatch and positional projections', async () => {
      const c = await seed();
      expect(await c.findOne({}, { projection: { grades: { $elemMatch: { $gte: 85 } } } })).to.deep.equal({
        _id: 1,
        grades: [88],
      });
      expect(await c.findOne({ grades: { $gte: 90 } }, { projection: { 'grades.$': 1 } })).to.deep.equal({
        _id: 1,
        grades: [95],
      });
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

  describe('findAndModify', () => {
    const seed = async () => {
      const c = looseCollection(db(), 'fam');
      await c.insertMany([
        { _id: 1, n: 1, g: 'x' },
        { _id: 2, n: 5, g: 'x' },
        { _id: 3, n: 3, g: 'y' },
      ]);
      return c;
    };

    it('findOneAndUpdate returns the document before the update by default and honours sort', async () => {
      const c = await seed();
      const before = await c.findOneAndUpdate({ g: 'x' }, { $inc: { n: 10 } }, { sort: { n: -1 } });
      expect(before).to.deep.equal({ _id: 2, n: 5, g: 'x' });
      expect(await c.findOne({ _id: 2 })).to.deep.equal({ _id: 2, n: 15, g: 'x' });
    });

    it("findOneAndUpdate with returnDocument 'after' returns the updated document, projected", async () => {
      const c = await seed();
      const after = await c.findOneAndUpdate(
        { g: 'x' },
        { $set: { seen: true } },
        { sort: { n: 1 }, returnDocument: 'after', projection: { _id: 1, seen: 1 } },
      );
      expect(after).to.deep.equal({ _id: 1, seen: true });
    });

    it('findOneAndUpdate returns null and changes nothing when no document matches', async () => {
      const c = await seed();
      expect(await c.findOneAndUpdate({ g: 'none' }, { $set: { n: 0 } })).to.equal(null);
      expect(await c.countDocuments({ n: 0 })).to.equal(0);
    });

    it('findOneAndUpdate with upsert inserts a document seeded from the filter', async () => {
      const c = await seed();
      const after = await c.findOneAndUpdate(
        { g: 'z' },
        { $set: { n: 0 } },
        { upsert: true, returnDocument: 'after' },
      );
      expect(after?._id).to.be.instanceOf(ObjectId);
      expect(after).to.deep.include({ g: 'z', n: 0 });

      const before = await c.findOneAndUpdate({ g: 'w' }, { $set: { n: 9 } }, { upsert: true });
      expect(before).to.equal(null);
      expect(await c.findOne({ g: 'w' }, { projection: { _id: 0 } })).to.deep.equal({ g: 'w', n: 9 });
    });

    it('reports lastErrorObject with includeResultMetadata', async () => {
      const c = await seed();
      const updated = await c.findOneAndUpdate(
        { _id: 3 },
        { $set: { n: 4 } },
        { includeResultMetadata: true, returnDocument: 'after' },
      );
      expect(updated.ok).to.equal(1);
      expect(updated.value).to.deep.equal({ _id: 3, n: 4, g: 'y' });
      expect(updated.lastErrorObject).to.deep.include({ n: 1, updatedExisting: true });

      const upserted = await c.findOneAndUpdate(
        { _id: 99 },
        { $set: { n: 1 } },
        { includeResultMetadata: true, upsert: true, returnDocument: 'after' },
      );
      expect(upserted.value).to.deep.equal({ _id: 99, n: 1 });
      expect(upserted.lastErrorObject).to.deep.include({ n: 1, updatedExisting: false, upserted: 99 });
    });

    it('findOneAndDelete removes and returns the first document in sort order', async () => {
      const c = await seed();
      expect(await c.findOneAndDelete({ g: 'x' }, { sort: { n: 1 } })).to.deep.equal({
        _id: 1,
        n: 1,
        g: 'x',
      });
      expect(await c.countDocuments()).to.equal(2);
      expect(await c.findOneAndDelete({ g: 'none' })).to.equal(null);
    });

    it('findOneAndReplace replaces the document, keeps _id, and upserts when asked', async () => {
      const c = await seed();
      const replaced = await c.findOneAndReplace({ _id: 3 }, { g: 'w' }, { returnDocument: 'after' });
      expect(replaced).to.deep.equal({ _id: 3, g: 'w' });
      const before = await c.findOneAndReplace({ _id: 3 }, { g: 'v' });
      expect(before).to.deep.equal({ _id: 3, g: 'w' });
      const upserted = await c.findOneAndReplace(
        { _id: 50 },
        { g: 'new' },
        { upsert: true, returnDocument: 'after' },
      );
      expect(upserted).to.deep.equal({ _id: 50, g: 'new' });
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
