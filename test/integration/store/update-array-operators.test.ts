/**
 * Conformance: array update operators ($push with $each/$slice/$sort/$position, $addToSet, $pop,
 * $pull, $pullAll), arrayFilters, `$[]` and the positional `$`. Many cases mirror the manual's
 * own examples.
 */
import { expect } from 'chai';
import { Long, type Document } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { ops, seedOne } from './support/fixtures.js';
import { looseCollection, serverError, usingRealMongo } from './support/target.js';

describe('store conformance: array update operators and positional updates', () => {
  const { db } = useDriver('update_array');
  const one = (name: string, doc: Document) => seedOne(db(), name, doc);

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

    it('positional $ carries several fields of the matched element, across operators', async () => {
      const { c, read } = await one('positional-fields', {
        _id: 5,
        grades: [
          { grade: 80, mean: 75, std: 8, state: 'pending' },
          { grade: 85, mean: 90, std: 5, state: 'pending' },
        ],
      });
      const result = await c.updateOne(
        { _id: 5, grades: { $elemMatch: { grade: 85, state: 'pending' } } },
        { $set: { 'grades.$.std': 6, 'grades.$.state': 'claimed' }, $inc: { 'grades.$.mean': 1 } },
      );
      expect(result.modifiedCount).to.equal(1);
      expect(await read()).to.deep.equal({
        _id: 5,
        grades: [
          { grade: 80, mean: 75, std: 8, state: 'pending' },
          { grade: 85, mean: 91, std: 6, state: 'claimed' },
        ],
      });
      // The element no longer matches: nothing is modified, as in MongoDB.
      const again = await c.updateOne(
        { _id: 5, grades: { $elemMatch: { grade: 85, state: 'pending' } } },
        { $set: { 'grades.$.std': 7, 'grades.$.state': 'claimed' } },
      );
      expect(again.matchedCount).to.equal(0);
    });

    it('positional $ reaches into an array inside an embedded document', async () => {
      const { c, read } = await one('positional-nested', {
        _id: 6,
        outbox: {
          recipients: [
            { userId: 'a', state: 'pending' },
            { userId: 'b', state: 'pending' },
          ],
        },
      });
      await c.updateOne(
        { _id: 6, 'outbox.recipients.userId': 'a' },
        { $set: { 'outbox.recipients.$.state': 'sent' } },
      );
      await c.updateOne(
        { _id: 6, 'outbox.recipients': { $elemMatch: { userId: 'b', state: 'pending' } } },
        { $set: { 'outbox.recipients.$.state': 'claimed', 'outbox.recipients.$.by': 'w1' } },
      );
      expect(await read()).to.deep.equal({
        _id: 6,
        outbox: {
          recipients: [
            { userId: 'a', state: 'sent' },
            { userId: 'b', state: 'claimed', by: 'w1' },
          ],
        },
      });
    });

    it('positional $ without a matching array condition in the query fails', async () => {
      const { c } = await one('positional-bad', { _id: 1, grades: [1, 2] });
      const error = await serverError(() => c.updateOne({ _id: 1 }, { $set: { 'grades.$': 5 } }));
      expect(error.code).to.be.a('number');
    });

    it('positional $unset leaves null in the matched element, as the manual says', async () => {
      const { c, read } = await one('positional-unset', { _id: 1, grades: [85, 80, 90] });
      await c.updateOne({ _id: 1, grades: 80 }, { $unset: { 'grades.$': '' } });
      expect(await read()).to.deep.equal({ _id: 1, grades: [85, null, 90] });
    });

    it('positional $ paths get the same type checks as the concrete path', async () => {
      const { c, read } = await one('positional-checks', {
        _id: 1,
        a: [
          { k: 0, n: 1, l: [], s: 'x' },
          { k: 1, n: 'text', l: 5, s: 'str' },
        ],
      });
      const inc = await serverError(() => c.updateOne({ _id: 1, 'a.k': 1 }, { $inc: { 'a.$.n': 1 } }));
      expect(inc.code).to.equal(14);
      expect(inc.message).to.include("'a.1.n'");
      const push = await serverError(() => c.updateOne({ _id: 1, 'a.k': 1 }, ops({ $push: { 'a.$.l': 1 } })));
      expect(push.code).to.equal(2);
      expect(push.message).to.include("'a.1.l' must be an array");
      const create = await serverError(() => c.updateOne({ _id: 1, 'a.k': 1 }, { $set: { 'a.$.s.t': 1 } }));
      expect(create.code).to.equal(28);
      expect(await read()).to.deep.equal({
        _id: 1,
        a: [
          { k: 0, n: 1, l: [], s: 'x' },
          { k: 1, n: 'text', l: 5, s: 'str' },
        ],
      });
    });

    it('positional $inc keeps exact int64 arithmetic and promotes to long', async () => {
      const { c } = await one('positional-long', {
        _id: 1,
        a: [
          { k: 0, n: 1 },
          { k: 1, n: Long.fromString('9007199254740993') },
        ],
      });
      await c.updateOne({ _id: 1, 'a.k': 1 }, { $inc: { 'a.$.n': Long.fromNumber(1) } });
      await c.updateOne({ _id: 1, 'a.k': 0 }, { $inc: { 'a.$.n': Long.fromNumber(2) } });
      const raw = await c.findOne({ _id: 1 }, { promoteLongs: false });
      const a = raw?.['a'] as { n: Long }[];
      expect(a[1]!.n).to.be.instanceOf(Long);
      expect(a[1]!.n.toString()).to.equal('9007199254740994');
      expect(a[0]!.n).to.be.instanceOf(Long);
      expect(a[0]!.n.toString()).to.equal('3');
    });

    it('positional $ resolving onto a path the update also writes is a conflict (code 40)', async () => {
      const { c, read } = await one('positional-conflict', { _id: 1, a: [{ k: 0 }, { k: 1 }] });
      const error = await serverError(() =>
        c.updateOne({ _id: 1, 'a.k': 1 }, { $set: { 'a.$.y': 1, 'a.1.y': 2 } }),
      );
      expect(error.code).to.equal(40);
      expect(error.message).to.equal("Update created a conflict at 'a.1.y'");
      const prefix = await serverError(() =>
        c.updateOne({ _id: 1, 'a.k': 1 }, { $set: { 'a.$': { k: 9 } }, $inc: { 'a.1.k': 1 } }),
      );
      expect(prefix.code).to.equal(40);
      expect(await read()).to.deep.equal({ _id: 1, a: [{ k: 0 }, { k: 1 }] });
    });

    it('a filter matching a missing field with null updates the document', async () => {
      const { c, read } = await one('positional-null', { _id: 1, a: [{ x: 1 }, { y: 2 }] });
      const plain = await c.updateOne({ 'a.x': null }, { $set: { z: 1 } });
      expect([plain.matchedCount, plain.modifiedCount]).to.deep.equal([1, 1]);
      const positional = await c.updateOne({ 'a.x': null }, { $set: { 'a.$.z': 1 } });
      expect([positional.matchedCount, positional.modifiedCount]).to.deep.equal([1, 1]);
      expect(await read()).to.deep.equal({ _id: 1, a: [{ x: 1 }, { y: 2, z: 1 }], z: 1 });
    });

    it('positional $ after a negation or a whole-array condition finds no match, as in MongoDB', async () => {
      const doc = { _id: 1, a: [{ s: 'sent' }, { s: 'pending' }] };
      const { c, read } = await one('positional-negation', doc);
      const filters: Document[] = [
        { 'a.s': { $ne: 'done' } },
        { 'a.s': { $nin: ['done'] } },
        { 'a.s': { $not: { $eq: 'done' } } },
        { 'a.by': { $exists: false } },
        { a: { $size: 2 } },
      ];
      for (const filter of filters) {
        const error = await serverError(() => c.updateOne(filter, { $set: { 'a.$.by': 'w1' } }));
        expect(error.code, JSON.stringify(filter)).to.equal(2);
        expect(error.message).to.equal(
          'The positional operator did not find the match needed from the query.',
        );
      }
      expect(await read()).to.deep.equal(doc);
    });

    it('positional $ whose position depends on MongoDB query evaluation order is refused', async () => {
      // Stricter than MongoDB on purpose: mongod puts the last array predicate's position in every `$`
      // (SERVER-5247), which can be a different element; the store refuses instead of guessing.
      const doc = {
        _id: 1,
        a: [{ x: 0 }, { x: 10 }, { x: 3 }],
        b: [{ y: 1 }, { y: 2 }],
      };
      const { c, read } = await one('positional-ambiguous', doc);
      const cases: [Document, Document][] = [
        [{ 'a.x': 10, 'b.y': 1 }, { $set: { 'a.$.k': 1, 'b.$.k': 1 } }],
        [{ a: { $elemMatch: { x: 10 } }, 'b.y': 1 }, { $set: { 'a.$.k': 1 } }],
        [{ 'a.x': { $gt: 1, $lt: 5 } }, { $set: { 'a.$.k': 1 } }],
        [{ 'a.x': 10, 'a.k': { $exists: false } }, { $set: { 'a.$.k': 1 } }],
        [{ 'b.y': 1 }, { $set: { 'a.$.k': 1 } }],
      ];
      for (const [filter, update] of cases) {
        if (usingRealMongo()) {
          const result = await c.updateOne(filter, update);
          expect(result.matchedCount, JSON.stringify(filter)).to.equal(1);
          continue;
        }
        const error = await serverError(() => c.updateOne(filter, update));
        expect(error.code, JSON.stringify(filter)).to.equal(2);
        expect(error.message).to.match(/^positional operator is ambiguous: /);
      }
      if (!usingRealMongo()) expect(await read()).to.deep.equal(doc);
      // One array condition with one operator (or $elemMatch) still resolves.
      await c.updateOne({ 'a.x': { $gt: 5 } }, { $set: { 'a.$.k': 1 } });
      await c.updateOne({ a: { $elemMatch: { x: { $gt: 1, $lt: 5 } } } }, { $set: { 'a.$.k': 2 } });
      expect(((await read()) as { a: Document[] }).a.slice(1)).to.deep.equal([
        { x: 10, k: 1 },
        { x: 3, k: 2 },
      ]);
    });
  });
});
