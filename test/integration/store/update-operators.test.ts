/**
 * Conformance: the update command's field operators ($set $unset $inc $mul $min $max $bit
 * $rename $currentDate), numeric type rules, error codes, and the command's reply shape.
 * Expected documents are worked out from the MongoDB manual's operator pages.
 */
import { expect } from 'chai';
import { Decimal128, Double, Long, ObjectId, Timestamp, type Document } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { ops, seedOne } from './support/fixtures.js';
import { looseCollection, serverError } from './support/target.js';

describe('store conformance: update field operators', () => {
  const { db } = useDriver('update');
  const one = (name: string, doc: Document) => seedOne(db(), name, doc);

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
});
