import { expect } from 'chai';
import { compareValues, sortDocuments } from '../../../sandbox/store/compare.js';
import { Matcher, candidates } from '../../../sandbox/store/query.js';
import { Collection } from '../../../sandbox/store/storage/collection.js';
import { ObjectId } from 'bson';

function collectionWith(count: number): Collection {
  const c = new Collection('db', 'c');
  c.addIndex({ name: 'email_1', key: { email: 1 }, unique: true });
  for (let i = 0; i < count; i++) c.insert({ _id: i, email: `u${i}@x`, group: i % 3 });
  return c;
}

describe('store query planning and matching', () => {
  it('answers _id equality from the _id map without scanning', () => {
    const { plan, docs } = candidates(collectionWith(50), { _id: 7 });
    expect(plan.kind).to.equal('id');
    expect([...docs].map((d) => d['_id'])).to.deep.equal([7]);
  });

  it('answers equality and $in on an indexed field from the index', () => {
    const c = collectionWith(50);
    const { plan, docs } = candidates(c, { email: { $in: ['u3@x', 'u9@x'] }, group: 0 });
    expect(plan).to.deep.equal({ kind: 'index', index: 'email_1' });
    expect([...docs].map((d) => d['_id'])).to.deep.equal([3, 9]);
  });

  it('falls back to a scan for ranges and regexes', () => {
    expect(candidates(collectionWith(5), { email: /u1/ }).plan.kind).to.equal('scan');
    expect(candidates(collectionWith(5), { _id: { $gt: 1 } }).plan.kind).to.equal('scan');
  });

  it('rejects $where, unknown operators and $text loudly', () => {
    expect(() => new Matcher({ $where: 'true' })).to.throw(/not supported/);
    expect(() => new Matcher({ a: { $frob: 1 } })).to.throw(/unknown operator: \$frob/);
    expect(() => new Matcher({ $text: { $search: 'x' } })).to.throw(/text index required/);
  });

  it('matches $type by BSON type names and numbers', () => {
    const doc = { _id: new ObjectId(), n: 1, f: 1.5 };
    expect(new Matcher({ _id: { $type: 'objectId' } }).test(doc)).to.equal(true);
    expect(new Matcher({ _id: { $type: 7 } }).test(doc)).to.equal(true);
    expect(new Matcher({ n: { $type: 'int' }, f: { $type: 'double' } }).test(doc)).to.equal(true);
  });

  it('sorts mixed types in MongoDB order: null < numbers < strings < objects < ObjectId < booleans < dates', () => {
    const values = [new Date(0), true, new ObjectId('64b000000000000000000001'), { a: 1 }, 'b', 2, null];
    const sorted = sortDocuments(
      values.map((v) => ({ v })),
      { v: 1 },
    ).map((d) => d['v']);
    expect(sorted).to.deep.equal([...values].reverse());
    expect(compareValues([1, 2], [1, 3])).to.equal(-1);
  });
});
