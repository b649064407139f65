/**
 * Conformance: features a standalone server refuses, and features the embedded store does not
 * implement, must fail loudly with an ok 0 error — never be silently ignored. Each test holds
 * against a real standalone mongod too: transactions and change streams need a replica set
 * there, and $text needs a text index. Where a real server would honour a feature ($out, $merge,
 * collation, $where), the test accepts either the documented result or a loud error, and rejects
 * only the silent wrong answer.
 */
import { expect } from 'chai';
import { MongoServerError } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection, serverError } from './support/target.js';

/** Runs `action`; returns the MongoServerError it raised, or undefined when it succeeded. */
async function outcomeOf(action: () => Promise<unknown>): Promise<MongoServerError | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    if (error instanceof MongoServerError) return error;
    throw error;
  }
}

/**
 * The server's code. For code 20 "Transaction numbers are only allowed on a replica set member
 * or mongos" the driver rethrows a retryable-writes hint and keeps the server's error as
 * `originalError`, so the code is read from there when the outer error has none.
 */
function serverCode(error: MongoServerError): number | string | undefined {
  const original = (error as MongoServerError & { originalError?: unknown }).originalError;
  if (error.code === undefined && original instanceof MongoServerError) return original.code;
  return error.code;
}

describe('store conformance: unsupported features fail loudly', () => {
  const { db, client } = useDriver('unsupported');

  const people = async () => {
    const c = looseCollection(db(), 'people');
    await c.insertMany([
      { _id: 1, name: 'Aiko', bio: 'hello world' },
      { _id: 2, name: 'ben', bio: 'goodbye' },
    ]);
    return c;
  };

  describe('transactions (a standalone answers IllegalOperation, code 20)', () => {
    it('rejects a write inside startTransaction with code 20 and applies nothing', async () => {
      const c = looseCollection(db(), 'tx');
      const session = client().startSession();
      try {
        session.startTransaction();
        const error = await serverError(() => c.insertOne({ a: 1 }, { session }));
        expect(serverCode(error)).to.equal(20);
      } finally {
        await session.abortTransaction().catch(() => undefined);
        await session.endSession();
      }
      expect(await c.countDocuments()).to.equal(0);
    });

    it('rejects withTransaction with code 20', async () => {
      const c = looseCollection(db(), 'tx-with');
      const session = client().startSession();
      try {
        const error = await serverError(() =>
          session.withTransaction(async () => {
            await c.insertOne({ a: 1 }, { session });
          }),
        );
        expect(serverCode(error)).to.equal(20);
      } finally {
        await session.endSession();
      }
      expect(await c.countDocuments()).to.equal(0);
    });
  });

  describe('change streams (a standalone has no oplog to watch)', () => {
    it('rejects collection.watch() on first use', async () => {
      const c = await people();
      const stream = c.watch();
      try {
        const error = await serverError(() => stream.tryNext());
        expect(error.code).to.be.a('number');
      } finally {
        await stream.close();
      }
    });

    it('rejects db.watch() on first use', async () => {
      await people();
      const stream = db().watch();
      try {
        const error = await serverError(() => stream.tryNext());
        expect(error.code).to.be.a('number');
      } finally {
        await stream.close();
      }
    });
  });

  describe('$text (needs a text index on a real server)', () => {
    it('rejects a $text query', async () => {
      const c = await people();
      const error = await serverError(() => c.find({ $text: { $search: 'hello' } }).toArray());
      expect(error.code).to.be.a('number');
    });

    it('rejects $text inside an aggregation $match', async () => {
      const c = await people();
      const error = await serverError(() =>
        c.aggregate([{ $match: { $text: { $search: 'hello' } } }]).toArray(),
      );
      expect(error.code).to.be.a('number');
    });
  });

  describe('features a real server honours: the documented result or a loud error, never silence', () => {
    it('$out either writes the output collection or fails', async () => {
      const c = await people();
      const error = await outcomeOf(() =>
        c.aggregate([{ $match: { _id: 1 } }, { $out: 'people_out' }]).toArray(),
      );
      const out = await looseCollection(db(), 'people_out').find().toArray();
      if (error) {
        expect(error.code).to.be.a('number');
        expect(out).to.deep.equal([]);
      } else {
        expect(out).to.deep.equal([{ _id: 1, name: 'Aiko', bio: 'hello world' }]);
      }
    });

    it('$merge either merges into the target collection or fails', async () => {
      const c = await people();
      const error = await outcomeOf(() =>
        c.aggregate([{ $match: { _id: 2 } }, { $merge: { into: 'people_merged' } }]).toArray(),
      );
      const merged = await looseCollection(db(), 'people_merged').find().toArray();
      if (error) {
        expect(error.code).to.be.a('number');
        expect(merged).to.deep.equal([]);
      } else {
        expect(merged).to.deep.equal([{ _id: 2, name: 'ben', bio: 'goodbye' }]);
      }
    });

    it('a case-insensitive collation either matches regardless of case or fails', async () => {
      const c = await people();
      const error = await outcomeOf(async () => {
        const found = await c.find({ name: 'aiko' }, { collation: { locale: 'en', strength: 2 } }).toArray();
        expect(found.map((d) => d._id)).to.deep.equal([1]);
      });
      if (error) expect(error.code).to.be.a('number');
    });

    it('an aggregation-pipeline update either computes the new fields or fails', async () => {
      const c = looseCollection(db(), 'pipeline-update');
      await c.insertOne({ _id: 1, a: 2, b: 3 });
      const error = await outcomeOf(() =>
        c.updateOne({ _id: 1 }, [{ $set: { total: { $add: ['$a', '$b'] } } }]),
      );
      const stored = await c.findOne({ _id: 1 });
      if (error) {
        expect(error.code).to.be.a('number');
        expect(stored).to.deep.equal({ _id: 1, a: 2, b: 3 });
      } else {
        expect(stored).to.deep.equal({ _id: 1, a: 2, b: 3, total: 5 });
      }
    });

    it('$where either evaluates the JavaScript predicate or fails', async () => {
      const c = await people();
      const error = await outcomeOf(async () => {
        const found = await c.find({ $where: 'this.name.length > 3' }).toArray();
        expect(found.map((d) => d._id)).to.deep.equal([1]);
      });
      if (error) expect(error.code).to.be.a('number');
    });
  });

  describe('unknown operators', () => {
    it('rejects an unknown query operator', async () => {
      const c = await people();
      const error = await serverError(() => c.find({ name: { $nonsense: 1 } }).toArray());
      expect(error.code).to.be.a('number');
    });

    it('rejects an unknown aggregation stage', async () => {
      const c = await people();
      const error = await serverError(() => c.aggregate([{ $nonsense: {} }]).toArray());
      expect(error.code).to.be.a('number');
    });

    it('rejects an unknown expression operator', async () => {
      const c = await people();
      const error = await serverError(() =>
        c.aggregate([{ $project: { x: { $nonsense: '$name' } } }]).toArray(),
      );
      expect(error.code).to.be.a('number');
    });
  });
});
