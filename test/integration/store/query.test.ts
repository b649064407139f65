/**
 * Conformance: find — filters, BSON comparison semantics (numeric equality across types, field
 * order in embedded documents, UTF-8 string order), sort, skip, limit and projection. Expected
 * values follow the manual's query, comparison/sort-order and projection pages.
 */
import { expect } from 'chai';
import { Decimal128, Double, Long, ObjectId, type Document } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection, serverError } from './support/target.js';

describe('store conformance: queries (find)', () => {
  const { db } = useDriver('query');

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
});
