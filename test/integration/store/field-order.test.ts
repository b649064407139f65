/**
 * Conformance: the order of fields in documents that stages rebuild. From the manual: `$project` includes
 * `_id` by default and keeps the included fields of the input document, with new (computed) fields after them;
 * `$addFields`/`$set` overwrite an existing field in place and append new ones; `$group` and `$bucketAuto`
 * output documents start with `_id`; `$replaceRoot` promotes the new root as it is. Field order is checked
 * with Object.keys, since deep equality ignores it.
 */
import { expect } from 'chai';
import { useDriver } from '../../support/database.js';
import { looseCollection } from './support/target.js';

describe('store conformance: field order of rebuilt documents', () => {
  const { db } = useDriver('field_order');
  const orders = async () => {
    const c = looseCollection(db(), 'orders');
    await c.insertMany([
      { _id: 1, item: 'almonds', price: 12, quantity: 2, meta: { b: 1, a: 2 } },
      { _id: 2, item: 'pecans', price: 20, quantity: 1, meta: { b: 3, a: 4 } },
    ]);
    await looseCollection(db(), 'inventory').insertMany([
      { _id: 10, sku: 'almonds', instock: 120 },
      { _id: 11, sku: 'pecans', instock: 70 },
    ]);
    return c;
  };
  const keysOf = (docs: Array<Record<string, unknown>>): string[][] => docs.map((d) => Object.keys(d));

  it('$project after $lookup and $unwind puts _id first, then included fields, then computed ones', async () => {
    const c = await orders();
    const docs = await c
      .aggregate([
        { $lookup: { from: 'inventory', localField: 'item', foreignField: 'sku', as: 'stock' } },
        { $unwind: '$stock' },
        { $project: { total: { $multiply: ['$price', '$quantity'] }, item: 1, left: '$stock.instock' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(docs).to.deep.equal([
      { _id: 1, item: 'almonds', total: 24, left: 120 },
      { _id: 2, item: 'pecans', total: 20, left: 70 },
    ]);
    expect(keysOf(docs)).to.deep.equal([
      ['_id', 'item', 'total', 'left'],
      ['_id', 'item', 'total', 'left'],
    ]);
  });

  it('$project with only computed fields still starts with _id', async () => {
    const c = await orders();
    const [doc] = await c
      .aggregate([{ $match: { _id: 1 } }, { $project: { total: { $add: ['$price', 1] } } }])
      .toArray();
    expect(Object.keys(doc!)).to.deep.equal(['_id', 'total']);
  });

  it('$project keeps included fields in the order of the document, not of the projection', async () => {
    const c = await orders();
    const [doc] = await c
      .aggregate([{ $match: { _id: 1 } }, { $project: { quantity: 1, 'meta.a': 1, 'meta.b': 1, item: 1 } }])
      .toArray();
    expect(Object.keys(doc!)).to.deep.equal(['_id', 'item', 'quantity', 'meta']);
    expect(Object.keys(doc!['meta'] as object)).to.deep.equal(['b', 'a']);
  });

  it('$project with _id: 0 leaves _id out and keeps the same order for the rest', async () => {
    const c = await orders();
    const [doc] = await c
      .aggregate([{ $match: { _id: 1 } }, { $project: { _id: 0, label: { $toUpper: '$item' }, price: 1 } }])
      .toArray();
    expect(Object.keys(doc!)).to.deep.equal(['price', 'label']);
  });

  it('a find projection with a computed field puts _id first and the computed field last', async () => {
    const c = await orders();
    const doc = await c.findOne({ _id: 1 }, { projection: { total: { $multiply: ['$price', 2] }, item: 1 } });
    expect(Object.keys(doc!)).to.deep.equal(['_id', 'item', 'total']);
  });

  it('$addFields and $set overwrite existing fields in place and append new ones', async () => {
    const c = await orders();
    const [added] = await c
      .aggregate([{ $match: { _id: 1 } }, { $addFields: { price: 13, discounted: true } }])
      .toArray();
    expect(Object.keys(added!)).to.deep.equal(['_id', 'item', 'price', 'quantity', 'meta', 'discounted']);
    const [set] = await c
      .aggregate([{ $match: { _id: 1 } }, { $set: { 'meta.c': 5, item: 'nuts' } }])
      .toArray();
    expect(Object.keys(set!)).to.deep.equal(['_id', 'item', 'price', 'quantity', 'meta']);
    expect(Object.keys(set!['meta'] as object)).to.deep.equal(['b', 'a', 'c']);
  });

  it('$group and $bucketAuto output documents start with _id', async () => {
    const c = await orders();
    const [grouped] = await c.aggregate([{ $group: { total: { $sum: '$price' }, _id: null } }]).toArray();
    expect(Object.keys(grouped!)).to.deep.equal(['_id', 'total']);
    const buckets = await c.aggregate([{ $bucketAuto: { groupBy: '$price', buckets: 2 } }]).toArray();
    expect(buckets).to.deep.equal([
      { _id: { min: 12, max: 20 }, count: 1 },
      { _id: { min: 20, max: 20 }, count: 1 },
    ]);
    expect(keysOf(buckets)).to.deep.equal([
      ['_id', 'count'],
      ['_id', 'count'],
    ]);
  });

  it('$replaceRoot promotes the new root with its own field order', async () => {
    const c = await orders();
    const [doc] = await c
      .aggregate([{ $match: { _id: 1 } }, { $replaceRoot: { newRoot: '$meta' } }])
      .toArray();
    expect(Object.keys(doc!)).to.deep.equal(['b', 'a']);
  });
});
