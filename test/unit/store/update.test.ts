import { expect } from 'chai';
import { Double, Long, ObjectId, Timestamp } from 'bson';
import {
  applyUpdate,
  buildUpsert,
  changed,
  seedFromFilter,
  updateKind,
} from '../../../sandbox/store/update.js';

const apply = (doc: object, update: object, filter: object = {}) =>
  applyUpdate(doc, update as never, { filter, isInsert: false });

describe('store update language', () => {
  it('classifies operator, replacement and pipeline updates and rejects unknown modifiers', () => {
    expect(updateKind({ $set: { a: 1 } })).to.equal('operators');
    expect(updateKind({ a: 1 })).to.equal('replacement');
    expect(updateKind([{ $set: { a: 1 } }])).to.equal('pipeline');
    expect(() => updateKind({ $frobnicate: { a: 1 } })).to.throw(/Unknown modifier: \$frobnicate/);
  });

  it('seeds an upsert from equality fields, $eq and $and, skipping other operators', () => {
    const seed = seedFromFilter({ a: 1, 'b.c': 'x', d: { $eq: 2 }, e: { $gt: 1 }, $and: [{ f: true }] });
    expect(seed).to.deep.equal({ a: 1, b: { c: 'x' }, d: 2, f: true });
  });

  it('applies $setOnInsert only when inserting and puts a generated _id first', () => {
    const doc = buildUpsert({ name: 'x' }, { $set: { v: 1 }, $setOnInsert: { created: true } });
    expect(Object.keys(doc)).to.deep.equal(['_id', 'name', 'v', 'created']);
    expect(doc['_id']).to.be.instanceOf(ObjectId);
    expect(apply({ _id: 1 }, { $set: { v: 1 }, $setOnInsert: { created: true } })).to.deep.equal({
      _id: 1,
      v: 1,
    });
  });

  it('refuses to change _id but accepts setting it to the same value', () => {
    expect(() => apply({ _id: 1 }, { $set: { _id: 2 } })).to.throw(/immutable field '_id'/);
    expect(apply({ _id: 1, a: 1 }, { $set: { _id: 1, a: 2 } })).to.deep.equal({ _id: 1, a: 2 });
  });

  it('reports conflicting paths and non-numeric $inc like mongod', () => {
    expect(() => apply({ _id: 1 }, { $set: { a: 1 }, $inc: { 'a.b': 1 } })).to.throw(
      /would create a conflict/,
    );
    expect(() => apply({ _id: 1, s: 'x' }, { $inc: { s: 1 } })).to.throw(/non-numeric type string/);
    expect(() => apply({ _id: 1, x: 5 }, { $set: { 'x.y': 1 } })).to.throw(/Cannot create field 'y'/);
  });

  it('keeps Long and Double types through arithmetic', () => {
    const result = apply({ _id: 1, l: Long.fromNumber(2), d: new Double(1.5) }, { $inc: { l: 1, d: 1.5 } });
    expect(result['l']).to.be.instanceOf(Long);
    expect(result['l'].toNumber()).to.equal(3);
    expect(result['d']).to.be.instanceOf(Double);
    expect(result['d'].value).to.equal(3);
  });

  it('adds to sets by exact document equality and writes timestamps for $currentDate', () => {
    const result = apply(
      { _id: 1, pairs: [{ x: 1, y: 2 }] },
      {
        $addToSet: {
          pairs: {
            $each: [
              { x: 1, y: 2 },
              { y: 2, x: 1 },
            ],
          },
        },
        $currentDate: { ts: { $type: 'timestamp' } },
      },
    );
    expect(result['pairs']).to.deep.equal([
      { x: 1, y: 2 },
      { y: 2, x: 1 },
    ]);
    expect(result['ts']).to.be.instanceOf(Timestamp);
  });

  it('updates the element matched by the positional operator', () => {
    const result = apply({ _id: 1, a: [{ x: 1 }, { x: 2 }] }, { $set: { 'a.$.y': 5 } }, { 'a.x': 2 });
    expect(result['a']).to.deep.equal([{ x: 1 }, { x: 2, y: 5 }]);
  });

  it('detects whether an update really changed a document', () => {
    expect(changed({ a: 1 }, { a: 1 })).to.equal(false);
    expect(changed({ a: 1 }, { a: 1.5 })).to.equal(true);
  });
});
