/**
 * Conformance: the update command with every update operator, upserts seeded from the
 * filter's equality fields, arrayFilters and the positional `$`. Expected documents are worked
 * out from the MongoDB manual's operator pages (many mirror the manual's own examples).
 */
import { expect } from 'chai';
import {
  Decimal128,
  Double,
  Long,
  ObjectId,
  Timestamp,
  type Collection,
  type Document,
  type UpdateFilter,
} from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection, serverError, type LooseDocument } from './support/target.js';

describe('store conformance: update operators', () => {
  const { db } = useDriver('update');

  /** Inserts one document and returns a function that reads it back without changes elsewhere. */
  const one = async (
    name: string,
    doc: LooseDocument,
  ): Promise<{ c: Collection<LooseDocument>; read: () => Promise<unknown> }> => {
    const c = looseCollection(db(), name);
    await c.insertOne(doc);
    return { c, read: () => c.findOne({ _id: doc._id }) };
  };

  /** Update documents built freely; the driver's static update types cannot describe every operator form. */
  const ops = (update: Document) => update as UpdateFilter<LooseDocument>;

  describe('field operators', () => {
    it('$set creates nested paths and replaces values', async () => {
      const { c, read } = await one('set', { _id: 1, a: 1, nested: { x: 1 } });
      await c.updateOne({ _id: 1 }, { $set: { a: 2, 'nested.y': 2, 'new.deep.path': true } });
      expect(await read()).to.deep.equal({
        _id: 1,
        a: 2,
        nested: { x: 1, y: 2 },
        new: { deep: { path: true } },
      });
    });

    it('$set addresses array elements by index', async () => {
      const { c, read } = await one('set-index', { _id: 1, arr: ['a', 'b', 'c'] });
      await c.updateOne({ _id: 1 }, { $set: { 'arr.1': 'B' } });
      expect(await read()).to.deep.equal({ _id: 1, arr: ['a', 'B', 'c'] });
    });

    it('reports modifiedCount 0 when $set writes the value already there', async () => {
      const { c } = await one('noop', { _id: 1, a: 1 });
      const result = await c.updateOne({ _id: 1 }, { $set: { a: 1 } });
      expect(result.matchedCount).to.equal(1);
      expect(result.modifiedCount).to.equal(0);
    });

    it('$unset removes fields, and sets an array element to null rather than removing it', async () => {
      const { c, read } = await one('unset', {
        _id: 1,
        a: 1,
        keep: 2,
        nested: { x: 1, y: 2 },
        arr: ['a', 'b', 'c'],
      });
      await c.updateOne({ _id: 1 }, { $unset: { a: '', 'nested.x': '', 'arr.1': '', missing: '' } });
      expect(await read()).to.deep.equal({ _id: 1, keep: 2, nested: { y: 2 }, arr: ['a', null, 'c'] });
    });

    it('$inc adds to numbers and creates missing fields', async () => {
      const { c, read } = await one('inc', { _id: 1, n: 1, f: 1 });
      await c.updateOne({ _id: 1 }, { $inc: { n: 5, m: -2, 'sub.count': 1, f: 0.5 } });
      expect(await read()).to.deep.equal({ _id: 1, n: 6, f: 1.5, m: -2, sub: { count: 1 } });
    });

    it('$inc and $mul keep BSON numeric types (a double operand gives a double, int with long gives long)', async () => {
      const { c } = await one('numeric-types', {
        _id: 1,
        i: 1,
        d: new Double(1.5),
        m: new Double(1.5),
        l: 2,
      });
      await c.updateOne({ _id: 1 }, { $inc: { i: 2, d: 1.5 }, $mul: { m: 2, l: Long.fromNumber(3) } });
      const typeOf = async (field: string) => {
        for (const type of ['int', 'long', 'double', 'decimal']) {
          if ((await c.countDocuments({ _id: 1, [field]: { $type: type } })) === 1) return type;
        }
        return 'other';
      };
      const types = {
        i: await typeOf('i'),
        d: await typeOf('d'),
        m: await typeOf('m'),
        l: await typeOf('l'),
      };
      expect(types).to.deep.equal({ i: 'int', d: 'double', m: 'double', l: 'long' });
      expect(await c.findOne({ _id: 1 })).to.deep.equal({ _id: 1, i: 3, d: 3, m: 3, l: 6 });
    });

    it('promotes int32 overflow to int64 and keeps int64 and decimal arithmetic exact', async () => {
      const { c } = await one('precision', {
        _id: 1,
        inc: 2147483647,
        mul: 65536,
        big: Long.fromString('9007199254740993'),
        dec: Decimal128.fromString('0.1'),
      });
      await c.updateOne(
        { _id: 1 },
        { $inc: { inc: 1, big: 1, dec: Decimal128.fromString('0.2') }, $mul: { mul: 65536 } },
      );
      const doc = await c.findOne({ _id: 1 }, { useBigInt64: true });
      // useBigInt64 reads int64 as bigint and doubles as number, so the types show in the values.
      expect({ inc: doc?.inc, mul: doc?.mul, big: doc?.big, dec: String(doc?.dec) }).to.deep.equal({
        inc: 2147483648n,
        mul: 4294967296n,
        big: 9007199254740994n,
        dec: '0.3',
      });
      expect(await c.countDocuments({ _id: 1, dec: { $type: 'decimal' } })).to.equal(1);
    });

    it('$inc on a non-numeric value fails with TypeMismatch (14)', async () => {
      const { c, read } = await one('inc-bad', { _id: 1, s: 'text' });
      const error = await serverError(() => c.updateOne({ _id: 1 }, { $inc: { s: 1 } }));
      expect(error.code).to.equal(14);
      expect(await read()).to.deep.equal({ _id: 1, s: 'text' });
    });

    it('$mul multiplies and sets a missing field to zero', async () => {
      const { c, read } = await one('mul', { _id: 1, price: 10 });
      await c.updateOne({ _id: 1 }, { $mul: { price: 1.25, qty: 3 } });
      expect(await read()).to.deep.equal({ _id: 1, price: 12.5, qty: 0 });
    });

    it('$min and $max only move a value in their direction, and set missing fields', async () => {
      const early = new Date('2026-01-01T00:00:00Z');
      const late = new Date('2026-06-01T00:00:00Z');
      const { c, read } = await one('minmax', { _id: 1, lo: 5, hi: 5, at: early });
      await c.updateOne({ _id: 1 }, { $min: { lo: 3, fresh: 7 }, $max: { hi: 4, at: late } });
      expect(await read()).to.deep.equal({ _id: 1, lo: 3, hi: 5, at: late, fresh: 7 });
      const unchanged = await c.updateOne({ _id: 1 }, { $min: { lo: 4 }, $max: { hi: 1 } });
      expect(unchanged.modifiedCount).to.equal(0);
    });

    it('$min and $max compare values of different types in BSON order', async () => {
      const { c, read } = await one('minmax-types', { _id: 1, a: 5, b: 5, c: 5 });
      // BSON order: null < numbers < strings.
      await c.updateOne({ _id: 1 }, { $min: { a: 'text', b: null }, $max: { c: 'text' } });
      expect(await read()).to.deep.equal({ _id: 1, a: 5, b: null, c: 'text' });
    });

    it('$bit applies and, or and xor to integers', async () => {
      const { c, read } = await one('bit', { _id: 1, a: 13, o: 1, x: 5 });
      await c.updateOne({ _id: 1 }, ops({ $bit: { a: { and: 10 }, o: { or: 4 }, x: { xor: 1 } } }));
      expect(await read()).to.deep.equal({ _id: 1, a: 8, o: 5, x: 4 });
    });

    it('$rename moves fields, including out of subdocuments, and overwrites an existing target', async () => {
      const { c, read } = await one('rename', { _id: 1, a: 1, b: { c: 2 }, p: 'from', q: 'to' });
      await c.updateOne({ _id: 1 }, { $rename: { a: 'x', 'b.c': 'y', p: 'q' } });
      expect(await read()).to.deep.equal({ _id: 1, x: 1, b: {}, y: 2, q: 'from' });
      const noop = await c.updateOne({ _id: 1 }, { $rename: { missing: 'z' } });
      expect(noop.modifiedCount).to.equal(0);
    });

    it('$currentDate sets a date or a timestamp', async () => {
      const { c } = await one('current', { _id: 1 });
      const startedSeconds = Math.floor(Date.now() / 1000);
      await c.updateOne(
        { _id: 1 },
        ops({ $currentDate: { at: true, d: { $type: 'date' }, ts: { $type: 'timestamp' } } }),
      );
      const doc = await c.findOne({ _id: 1 });
      expect(doc?.at).to.be.instanceOf(Date);
      expect(doc?.d).to.be.instanceOf(Date);
      expect(doc?.ts).to.be.instanceOf(Timestamp);
      // Clocks of the test and the server may differ slightly, so only a coarse window is checked.
      const atSeconds = (doc?.at as Date).getTime() / 1000;
      expect(atSeconds).to.be.closeTo(startedSeconds, 300);
      expect((doc?.ts as Timestamp).t).to.be.closeTo(startedSeconds, 300);
    });

    it('rejects changing _id with ImmutableField (66)', async () => {
      const { c } = await one('immutable', { _id: 1, a: 1 });
      const error = await serverError(() => c.updateOne({ _id: 1 }, { $set: { _id: 2 } }));
      expect(error.code).to.equal(66);
    });

    it('rejects two operators on the same path with ConflictingUpdateOperators (40)', async () => {
      const { c } = await one('conflict', { _id: 1, a: 1 });
      const error = await serverError(() => c.updateOne({ _id: 1 }, { $set: { a: 1 }, $inc: { a: 1 } }));
      expect(error.code).to.equal(40);
    });

    it('rejects an unknown update operator with FailedToParse (9)', async () => {
      const { c } = await one('unknown-op', { _id: 1, a: 1 });
      const error = await serverError(() => c.updateOne({ _id: 1 }, { $frobnicate: { a: 1 } } as Document));
      expect(error.code).to.equal(9);
    });
  });

  describe('array operators', () => {
    it('$push appends one value, creating the array when missing', async () => {
      const { c, read } = await one('push', { _id: 1, arr: [1, 2, 3] });
      await c.updateOne({ _id: 1 }, ops({ $push: { arr: 4, fresh: 'x' } }));
      await c.updateOne({ _id: 1 }, ops({ $push: { arr: [5, 6] } }));
      expect(await read()).to.deep.equal({ _id: 1, arr: [1, 2, 3, 4, [5, 6]], fresh: ['x'] });
    });

    it('$push to a non-array field fails', async () => {
      const { c } = await one('push-bad', { _id: 1, arr: 1 });
      const error = await serverError(() => c.updateOne({ _id: 1 }, ops({ $push: { arr: 2 } })));
      expect(error.code).to.be.a('number');
    });

    it('$push $each with $position inserts at the index, negative counting from the end', async () => {
      const { c, read } = await one('position', { _id: 1, a: ['a', 'b', 'c'], b: ['a', 'b', 'c'] });
      await c.updateOne(
        { _id: 1 },
        ops({
          $push: {
            a: { $each: ['x', 'y'], $position: 1 },
            b: { $each: ['x', 'y'], $position: -1 },
          },
        }),
      );
      expect(await read()).to.deep.equal({
        _id: 1,
        a: ['a', 'x', 'y', 'b', 'c'],
        b: ['a', 'b', 'x', 'y', 'c'],
      });
    });

    it('$push $each with $slice keeps the first or last elements', async () => {
      const { c, read } = await one('slice', { _id: 1, last: [1, 2, 3], first: [1, 2, 3], none: [1, 2] });
      await c.updateOne(
        { _id: 1 },
        ops({
          $push: {
            last: { $each: [4, 5], $slice: -3 },
            first: { $each: [4, 5], $slice: 2 },
            none: { $each: [], $slice: 0 },
          },
        }),
      );
      expect(await read()).to.deep.equal({ _id: 1, last: [3, 4, 5], first: [1, 2], none: [] });
    });

    it('$push $each with $sort then $slice sorts the whole array before trimming', async () => {
      const { c, read } = await one('sort', {
        _id: 1,
        quizzes: [
          { wk: 1, score: 10 },
          { wk: 2, score: 8 },
        ],
        scores: [89, 70],
      });
      await c.updateOne(
        { _id: 1 },
        ops({
          $push: {
            quizzes: {
              $each: [
                { wk: 5, score: 9 },
                { wk: 6, score: 7 },
                { wk: 7, score: 6 },
              ],
              $sort: { score: -1 },
              $slice: 3,
            },
            scores: { $each: [40, 60], $sort: 1 },
          },
        }),
      );
      expect(await read()).to.deep.equal({
        _id: 1,
        quizzes: [
          { wk: 1, score: 10 },
          { wk: 5, score: 9 },
          { wk: 2, score: 8 },
        ],
        scores: [40, 60, 70, 89],
      });
    });

    it('$addToSet adds only absent values; documents must match field for field, in order', async () => {
      const { c, read } = await one('addtoset', { _id: 1, tags: ['a', 'b'], pairs: [{ x: 1, y: 2 }] });
      const noop = await c.updateOne({ _id: 1 }, { $addToSet: { tags: 'b' } });
      expect(noop.modifiedCount).to.equal(0);
      await c.updateOne(
        { _id: 1 },
        { $addToSet: { tags: { $each: ['c', 'a', 'd'] }, pairs: { x: 1, y: 2 } } },
      );
      await c.updateOne({ _id: 1 }, { $addToSet: { pairs: { y: 2, x: 1 } } });
      expect(await read()).to.deep.equal({
        _id: 1,
        tags: ['a', 'b', 'c', 'd'],
        pairs: [
          { x: 1, y: 2 },
          { y: 2, x: 1 },
        ],
      });
    });

    it('$pop removes the last (1) or first (-1) element', async () => {
      const { c, read } = await one('pop', { _id: 1, a: [1, 2, 3], b: [1, 2, 3] });
      await c.updateOne({ _id: 1 }, ops({ $pop: { a: 1, b: -1 } }));
      expect(await read()).to.deep.equal({ _id: 1, a: [1, 2], b: [2, 3] });
    });

    it('$pull removes every element matching a value, a condition or a document query', async () => {
      const { c, read } = await one('pull', {
        _id: 1,
        nums: [3, 6, 8, 2, 9],
        fruits: ['apple', 'pear', 'orange', 'grape', 'apple'],
        results: [
          { item: 'A', score: 5 },
          { item: 'B', score: 8, comment: 'extra fields do not matter' },
        ],
      });
      await c.updateOne(
        { _id: 1 },
        ops({
          $pull: {
            nums: { $gte: 6 },
            fruits: { $in: ['apple', 'orange'] },
            // A document value is applied to each element as a query (the `$pull: { items: { _id } }`
            // idiom), so elements with further fields are removed too.
            results: { score: 8, item: 'B' },
          },
        }),
      );
      expect(await read()).to.deep.equal({
        _id: 1,
        nums: [3, 2],
        fruits: ['pear', 'grape'],
        results: [{ item: 'A', score: 5 }],
      });
    });

    it('$pullAll removes every occurrence of the listed values', async () => {
      const { c, read } = await one('pullall', { _id: 1, scores: [0, 2, 5, 5, 1, 0] });
      await c.updateOne({ _id: 1 }, ops({ $pullAll: { scores: [0, 5] } }));
      expect(await read()).to.deep.equal({ _id: 1, scores: [2, 1] });
    });
  });

  describe('update command reply', () => {
    it('reports n, nModified and upserted entries with their statement index', async () => {
      const c = looseCollection(db(), 'raw-update');
      await c.insertMany([
        { _id: 1, a: 1 },
        { _id: 2, a: 2 },
      ]);
      const reply = await db().command({
        update: 'raw-update',
        updates: [
          { q: { a: 1 }, u: { $set: { b: 1 } } },
          { q: { a: 3 }, u: { $set: { b: 3 } }, upsert: true },
          { q: {}, u: { $set: { c: 1 } }, multi: true },
          { q: { a: 2 }, u: { $set: { a: 2 } } },
        ],
      });
      expect(reply.ok).to.equal(1);
      // matched: 1 + 1 upserted + 3 (multi over the three documents) + 1 = 6; modified: 1 + 3 + 0 = 4.
      expect(reply.n).to.equal(6);
      expect(reply.nModified).to.equal(4);
      expect(reply.upserted).to.have.length(1);
      expect(reply.upserted[0].index).to.equal(1);
      expect(reply.upserted[0]._id).to.be.instanceOf(ObjectId);
    });
  });

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

  describe('arrayFilters and positional operators', () => {
    it('$[identifier] updates only the elements its arrayFilter matches', async () => {
      const c = looseCollection(db(), 'students');
      await c.insertMany([
        { _id: 1, grades: [95, 92, 90] },
        { _id: 2, grades: [98, 100, 102] },
        { _id: 3, grades: [95, 110, 100] },
      ]);
      const result = await c.updateMany(
        { grades: { $gte: 100 } },
        { $set: { 'grades.$[element]': 100 } },
        { arrayFilters: [{ element: { $gte: 100 } }] },
      );
      expect(result.matchedCount).to.equal(2);
      expect(result.modifiedCount).to.equal(2);
      expect(await c.find().sort({ _id: 1 }).toArray()).to.deep.equal([
        { _id: 1, grades: [95, 92, 90] },
        { _id: 2, grades: [98, 100, 100] },
        { _id: 3, grades: [95, 100, 100] },
      ]);
    });

    it('arrayFilters reach into embedded documents and may combine conditions', async () => {
      const { c, read } = await one('students2', {
        _id: 1,
        grades: [
          { grade: 80, mean: 75, std: 6 },
          { grade: 85, mean: 90, std: 4 },
          { grade: 85, mean: 85, std: 6 },
        ],
      });
      await c.updateOne(
        { _id: 1 },
        { $set: { 'grades.$[elem].mean': 100 } },
        { arrayFilters: [{ 'elem.grade': { $gte: 85 }, 'elem.std': { $gte: 5 } }] },
      );
      expect(await read()).to.deep.equal({
        _id: 1,
        grades: [
          { grade: 80, mean: 75, std: 6 },
          { grade: 85, mean: 90, std: 4 },
          { grade: 85, mean: 100, std: 6 },
        ],
      });
    });

    it('$[] updates every element', async () => {
      const { c, read } = await one('all-positional', { _id: 1, grades: [85, 82, 80] });
      await c.updateOne({ _id: 1 }, { $inc: { 'grades.$[]': 10 } });
      expect(await read()).to.deep.equal({ _id: 1, grades: [95, 92, 90] });
    });

    it('positional $ updates the first element matched by the query', async () => {
      const { c, read } = await one('positional', { _id: 1, grades: [85, 80, 80] });
      await c.updateOne({ _id: 1, grades: 80 }, { $set: { 'grades.$': 82 } });
      expect(await read()).to.deep.equal({ _id: 1, grades: [85, 82, 80] });
    });

    it('positional $ works with dotted queries and $elemMatch on embedded documents', async () => {
      const { c, read } = await one('positional-docs', {
        _id: 4,
        grades: [
          { grade: 80, mean: 75, std: 8 },
          { grade: 85, mean: 90, std: 5 },
          { grade: 90, mean: 85, std: 3 },
        ],
      });
      await c.updateOne({ _id: 4, 'grades.grade': 85 }, { $set: { 'grades.$.std': 6 } });
      await c.updateOne(
        { _id: 4, grades: { $elemMatch: { grade: { $lte: 90 }, mean: { $gt: 80 } } } },
        { $inc: { 'grades.$.grade': 1 } },
      );
      expect(await read()).to.deep.equal({
        _id: 4,
        grades: [
          { grade: 80, mean: 75, std: 8 },
          { grade: 86, mean: 90, std: 6 },
          { grade: 90, mean: 85, std: 3 },
        ],
      });
    });

    it('positional $ without a matching array condition in the query fails', async () => {
      const { c } = await one('positional-bad', { _id: 1, grades: [1, 2] });
      const error = await serverError(() => c.updateOne({ _id: 1 }, { $set: { 'grades.$': 5 } }));
      expect(error.code).to.be.a('number');
    });
  });
});
