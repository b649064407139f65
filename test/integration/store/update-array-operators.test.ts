/**
 * Conformance: array update operators ($push with $each/$slice/$sort/$position, $addToSet, $pop,
 * $pull, $pullAll), arrayFilters, `$[]` and the positional `$`. Many cases mirror the manual's
 * own examples.
 */
import { expect } from 'chai';
import type { Document } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { ops, seedOne } from './support/fixtures.js';
import { looseCollection, serverError } from './support/target.js';

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

    it('positional $ without a matching array condition in the query fails', async () => {
      const { c } = await one('positional-bad', { _id: 1, grades: [1, 2] });
      const error = await serverError(() => c.updateOne({ _id: 1 }, { $set: { 'grades.$': 5 } }));
      expect(error.code).to.be.a('number');
    });
  });
});
