/**
 * Conformance: createIndexes / listIndexes / dropIndexes and unique indexes, including
 * MongoDB's E11000 duplicate-key error shape (code 11000, keyPattern, keyValue, errmsg naming
 * the namespace and index; writeErrors with the failing positions in bulk inserts).
 */
import { expect } from 'chai';
import { Double, Long, MongoBulkWriteError, type Document } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection, serverError } from './support/target.js';

describe('store conformance: indexes', () => {
  const { db } = useDriver('indexes');

  const bulkError = async (action: () => Promise<unknown>): Promise<MongoBulkWriteError> => {
    try {
      await action();
    } catch (error) {
      if (error instanceof MongoBulkWriteError) return error;
      throw error;
    }
    throw new Error('expected a MongoBulkWriteError');
  };

  describe('createIndexes, listIndexes, dropIndexes', () => {
    it('names indexes after their keys and lists them with the _id index', async () => {
      const c = looseCollection(db(), 'listed');
      expect(await c.createIndex({ email: 1 }, { unique: true })).to.equal('email_1');
      expect(await c.createIndex({ guild: 1, at: -1 })).to.equal('guild_1_at_-1');
      expect(await c.createIndex({ slug: 1 }, { name: 'by_slug' })).to.equal('by_slug');
      const indexes = await c.listIndexes().toArray();
      const byName = Object.fromEntries(indexes.map((i) => [i.name as string, i]));
      expect(Object.keys(byName).sort()).to.deep.equal(['_id_', 'by_slug', 'email_1', 'guild_1_at_-1']);
      expect(byName._id_?.key).to.deep.equal({ _id: 1 });
      expect(byName.email_1).to.deep.include({ key: { email: 1 }, unique: true });
      expect(byName['guild_1_at_-1']?.key).to.deep.equal({ guild: 1, at: -1 });
      expect(byName['guild_1_at_-1']?.unique).to.equal(undefined);
    });

    it('creates several indexes in one command and treats an identical re-creation as a no-op', async () => {
      const c = looseCollection(db(), 'multi');
      const names = await c.createIndexes([{ key: { a: 1 } }, { key: { b: -1 }, name: 'b_desc' }]);
      expect(names).to.deep.equal(['a_1', 'b_desc']);
      expect(await c.createIndex({ a: 1 })).to.equal('a_1');
      expect(await c.listIndexes().toArray()).to.have.length(3);
    });

    it('refuses to re-create an index under the same name with different options', async () => {
      const c = looseCollection(db(), 'conflicting');
      await c.createIndex({ a: 1 });
      const error = await serverError(() => c.createIndex({ a: 1 }, { unique: true }));
      expect(error.code).to.be.a('number');
      const index = (await c.listIndexes().toArray()).find((i) => i.name === 'a_1');
      expect(index?.unique).to.equal(undefined);
      await c.insertMany([{ a: 1 }, { a: 1 }]);
      expect(await c.countDocuments({ a: 1 })).to.equal(2);
    });

    it('dropIndex removes one index; dropIndexes removes all but _id', async () => {
      const c = looseCollection(db(), 'dropped');
      await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
      await c.dropIndex('a_1');
      expect((await c.listIndexes().toArray()).map((i) => i.name).sort()).to.deep.equal([
        '_id_',
        'b_1',
        'c_1',
      ]);
      await c.dropIndexes();
      expect((await c.listIndexes().toArray()).map((i) => i.name)).to.deep.equal(['_id_']);
    });

    it('rejects a hint naming an index that does not exist', async () => {
      const c = looseCollection(db(), 'hinted');
      await c.createIndex({ a: 1 });
      await c.insertMany([{ a: 2 }, { a: 1 }]);
      expect((await c.find({}, { hint: 'a_1' }).sort({ a: 1 }).toArray()).map((d) => d.a)).to.deep.equal([
        1, 2,
      ]);
      expect((await c.find({}, { hint: { a: 1 } }).toArray()).length).to.equal(2);
      const error = await serverError(() => c.find({}, { hint: 'nope_1' }).toArray());
      expect(error.code).to.be.a('number');
    });

    it('dropping an index that does not exist fails with IndexNotFound (27)', async () => {
      const c = looseCollection(db(), 'nothing-to-drop');
      await c.insertOne({ a: 1 });
      const error = await serverError(() => c.dropIndex('nope_1'));
      expect(error.code).to.equal(27);
    });

    it('refuses to drop the _id index', async () => {
      const c = looseCollection(db(), 'keep-id');
      await c.insertOne({ a: 1 });
      const error = await serverError(() => c.dropIndex('_id_'));
      expect(error.code).to.be.a('number');
      expect((await c.listIndexes().toArray()).map((i) => i.name)).to.deep.equal(['_id_']);
    });
  });

  describe('unique index violations', () => {
    it('insertOne duplicate fails with code 11000, keyPattern, keyValue and an E11000 message', async () => {
      const c = looseCollection(db(), 'users');
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertOne({ email: 'a@example.com' });
      const error = await serverError(() => c.insertOne({ email: 'a@example.com' }));
      expect(error.code).to.equal(11000);
      expect(error.keyPattern).to.deep.equal({ email: 1 });
      expect(error.keyValue).to.deep.equal({ email: 'a@example.com' });
      expect(error.message).to.match(/^E11000 duplicate key error/);
      expect(error.message).to.include(`collection: ${db().databaseName}.users`);
      expect(error.message).to.include('index: email_1');
      expect(await c.countDocuments()).to.equal(1);
    });

    it('a duplicate _id is reported against the _id index', async () => {
      const c = looseCollection(db(), 'ids');
      await c.insertOne({ _id: 'x' } as Document);
      const error = await serverError(() => c.insertOne({ _id: 'x' } as Document));
      expect(error.code).to.equal(11000);
      expect(error.keyPattern).to.deep.equal({ _id: 1 });
      expect(error.keyValue).to.deep.equal({ _id: 'x' });
    });

    it('compound unique indexes report every key of the pattern', async () => {
      const c = looseCollection(db(), 'memberships');
      await c.createIndex({ guild: 1, user: 1 }, { unique: true });
      await c.insertMany([
        { guild: 'g1', user: 'u1' },
        { guild: 'g1', user: 'u2' },
        { guild: 'g2', user: 'u1' },
      ]);
      const error = await serverError(() => c.insertOne({ guild: 'g1', user: 'u2' }));
      expect(error.code).to.equal(11000);
      expect(error.keyPattern).to.deep.equal({ guild: 1, user: 1 });
      expect(error.keyValue).to.deep.equal({ guild: 'g1', user: 'u2' });
    });

    it('updates and upserts that would collide fail with 11000 and change nothing', async () => {
      const c = looseCollection(db(), 'handles');
      await c.createIndex({ handle: 1 }, { unique: true });
      await c.insertMany([
        { _id: 1, handle: 'a' },
        { _id: 2, handle: 'b' },
      ] as Document[]);
      const update = await serverError(() => c.updateOne({ _id: 2 } as Document, { $set: { handle: 'a' } }));
      expect(update.code).to.equal(11000);
      expect(update.keyValue).to.deep.equal({ handle: 'a' });
      const upsert = await serverError(() =>
        c.updateOne({ handle: 'a', x: 1 }, { $set: { y: 1 } }, { upsert: true }),
      );
      expect(upsert.code).to.equal(11000);
      expect(await c.find().sort({ _id: 1 }).toArray()).to.deep.equal([
        { _id: 1, handle: 'a' },
        { _id: 2, handle: 'b' },
      ]);
    });

    it('ordered insertMany stops at the first duplicate and reports its index', async () => {
      const c = looseCollection(db(), 'ordered');
      await c.createIndex({ e: 1 }, { unique: true });
      const error = await bulkError(() =>
        c.insertMany([{ e: 'a' }, { e: 'b' }, { e: 'a' }, { e: 'c' }], { ordered: true }),
      );
      expect(error.code).to.equal(11000);
      expect(error.insertedCount).to.equal(2);
      const writeErrors = [error.writeErrors].flat();
      expect(writeErrors.map((w) => [w.index, w.code])).to.deep.equal([[2, 11000]]);
      expect((await c.find().sort({ e: 1 }).toArray()).map((d) => d.e)).to.deep.equal(['a', 'b']);
    });

    it('unordered insertMany inserts every other document and reports each duplicate', async () => {
      const c = looseCollection(db(), 'unordered');
      await c.createIndex({ e: 1 }, { unique: true });
      const error = await bulkError(() =>
        c.insertMany([{ e: 'a' }, { e: 'a' }, { e: 'b' }, { e: 'b' }, { e: 'c' }], { ordered: false }),
      );
      expect(error.code).to.equal(11000);
      expect(error.insertedCount).to.equal(3);
      const writeErrors = [error.writeErrors].flat();
      expect(writeErrors.map((w) => [w.index, w.code])).to.deep.equal([
        [1, 11000],
        [3, 11000],
      ]);
      expect((await c.find().sort({ e: 1 }).toArray()).map((d) => d.e)).to.deep.equal(['a', 'b', 'c']);
    });

    it('the insert command reply carries writeErrors with index, code, keyPattern, keyValue and errmsg', async () => {
      const c = looseCollection(db(), 'raw-insert');
      await c.createIndex({ e: 1 }, { unique: true });
      const reply = await db().command({
        insert: 'raw-insert',
        documents: [{ e: 1 }, { e: 1 }, { e: 2 }],
        ordered: false,
      });
      expect(reply.ok).to.equal(1);
      expect(reply.n).to.equal(2);
      expect(reply.writeErrors).to.have.length(1);
      const [writeError] = reply.writeErrors as Document[];
      expect(writeError).to.deep.include({ index: 1, code: 11000, keyPattern: { e: 1 }, keyValue: { e: 1 } });
      expect(writeError?.errmsg).to.match(/^E11000 duplicate key error/);
    });

    it('creating a unique index over existing duplicates fails with 11000 and creates nothing', async () => {
      const c = looseCollection(db(), 'pre-dup');
      await c.insertMany([{ e: 1 }, { e: 1 }]);
      const error = await serverError(() => c.createIndex({ e: 1 }, { unique: true }));
      expect(error.code).to.equal(11000);
      expect((await c.listIndexes().toArray()).map((i) => i.name)).to.deep.equal(['_id_']);
    });

    it('treats numerically equal keys of different BSON types as duplicates', async () => {
      const c = looseCollection(db(), 'numeric-keys');
      await c.createIndex({ n: 1 }, { unique: true });
      await c.insertOne({ n: 1 });
      expect((await serverError(() => c.insertOne({ n: Long.fromNumber(1) }))).code).to.equal(11000);
      expect((await serverError(() => c.insertOne({ n: new Double(1) }))).code).to.equal(11000);
      await c.insertOne({ _id: 7 });
      expect(
        (await serverError(() => c.insertOne({ _id: Long.fromNumber(7) as unknown as number }))).code,
      ).to.equal(11000);
    });

    it('treats a missing field as null: only one document may lack it', async () => {
      const c = looseCollection(db(), 'missing-key');
      await c.createIndex({ e: 1 }, { unique: true });
      await c.insertOne({ other: 1 });
      const error = await serverError(() => c.insertOne({ other: 2 }));
      expect(error.code).to.equal(11000);
      expect(error.keyValue).to.deep.equal({ e: null });
    });

    it('sparse and partial unique indexes allow many documents without the field', async () => {
      const sparse = looseCollection(db(), 'sparse-unique');
      await sparse.createIndex({ e: 1 }, { unique: true, sparse: true });
      await sparse.insertMany([{ other: 1 }, { other: 2 }, { e: 'x' }]);
      expect((await serverError(() => sparse.insertOne({ e: 'x' }))).code).to.equal(11000);

      const partial = looseCollection(db(), 'partial-unique');
      await partial.createIndex(
        { e: 1 },
        { unique: true, partialFilterExpression: { e: { $exists: true } }, name: 'e_present' },
      );
      await partial.insertMany([{ other: 1 }, { other: 2 }, { e: 'x' }]);
      expect((await serverError(() => partial.insertOne({ e: 'x' }))).code).to.equal(11000);
      const listed = (await partial.listIndexes().toArray()).find((i) => i.name === 'e_present');
      expect(listed?.partialFilterExpression).to.deep.equal({ e: { $exists: true } });
    });

    it('a unique index on an array field rejects a value another document already holds', async () => {
      const c = looseCollection(db(), 'multikey');
      await c.createIndex({ tags: 1 }, { unique: true });
      await c.insertOne({ tags: ['x', 'y'] });
      // Repeating a value inside one document is allowed.
      await c.insertOne({ tags: ['z', 'z'] });
      const error = await serverError(() => c.insertOne({ tags: ['y'] }));
      expect(error.code).to.equal(11000);
    });

    it('lets exactly one of 20 concurrent inserts of the same key succeed', async () => {
      const c = looseCollection(db(), 'race');
      await c.createIndex({ key: 1 }, { unique: true });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => c.insertOne({ key: 'k', i })),
      );
      const codes = outcomes.map((o) =>
        o.status === 'fulfilled' ? 'ok' : (o.reason as { code?: number }).code,
      );
      expect(codes.filter((code) => code === 'ok')).to.have.length(1);
      expect(codes.filter((code) => code === 11000)).to.have.length(19);
      expect(await c.countDocuments()).to.equal(1);
    });

    it('dropping the unique index lifts the constraint', async () => {
      const c = looseCollection(db(), 'lifted');
      await c.createIndex({ e: 1 }, { unique: true });
      await c.insertOne({ e: 1 });
      await c.dropIndex('e_1');
      await c.insertOne({ e: 1 });
      expect(await c.countDocuments({ e: 1 })).to.equal(2);
    });
  });
});
