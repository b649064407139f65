/**
 * Conformance: the aggregate command — $match $group $sort $project $lookup $unwind $facet
 * $bucket and expressions. Expected results are worked out by hand from the manual's stage
 * and operator pages (several mirror the manual's own examples).
 */
import { expect } from 'chai';
import { Decimal128, Long, type Document } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { seedSales, utc } from './support/fixtures.js';
import { looseCollection, serverError } from './support/target.js';

describe('store conformance: aggregation', () => {
  const { db } = useDriver('aggregate');
  const sales = () => seedSales(db());

  describe('$match, $group, $sort, $project and friends', () => {
    it('groups with $sum $avg $min $max $push $addToSet $first $last', async () => {
      const c = await sales();
      const groups = await c
        .aggregate([
          { $sort: { _id: 1 } },
          {
            $group: {
              _id: '$item',
              qty: { $sum: '$qty' },
              revenue: { $sum: { $multiply: ['$qty', '$price'] } },
              n: { $sum: 1 },
              avgQty: { $avg: '$qty' },
              minPrice: { $min: '$price' },
              maxPrice: { $max: '$price' },
              prices: { $push: '$price' },
              distinctPrices: { $addToSet: '$price' },
              firstQty: { $first: '$qty' },
              lastQty: { $last: '$qty' },
              nothing: { $sum: '$missing' },
              noAvg: { $avg: '$missing' },
            },
          },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      expect(
        groups.map((g) => ({ ...g, distinctPrices: [...(g.distinctPrices as number[])].sort() })),
      ).to.deep.equal([
        {
          _id: 'a',
          qty: 9,
          revenue: 92,
          n: 3,
          avgQty: 3,
          minPrice: 10,
          maxPrice: 12,
          prices: [10, 10, 12],
          distinctPrices: [10, 12],
          firstQty: 3,
          lastQty: 1,
          nothing: 0,
          noAvg: null,
        },
        {
          _id: 'b',
          qty: 1,
          revenue: 20,
          n: 1,
          avgQty: 1,
          minPrice: 20,
          maxPrice: 20,
          prices: [20],
          distinctPrices: [20],
          firstQty: 1,
          lastQty: 1,
          nothing: 0,
          noAvg: null,
        },
        {
          _id: 'c',
          qty: 3,
          revenue: 15,
          n: 1,
          avgQty: 3,
          minPrice: 5,
          maxPrice: 5,
          prices: [5],
          distinctPrices: [5],
          firstQty: 3,
          lastQty: 3,
          nothing: 0,
          noAvg: null,
        },
      ]);
    });

    it('sums decimals exactly and int64 values without losing precision', async () => {
      const c = looseCollection(db(), 'precise');
      await c.insertMany([
        { d: Decimal128.fromString('0.1'), l: Long.fromString('9007199254740993') },
        { d: Decimal128.fromString('0.1'), l: Long.fromString('1') },
        { d: Decimal128.fromString('0.1'), l: Long.fromString('1') },
      ]);
      const [row] = await c
        .aggregate([{ $group: { _id: null, d: { $sum: '$d' }, l: { $sum: '$l' } } }], { useBigInt64: true })
        .toArray();
      expect({ d: String(row?.d), dType: row?.d?.constructor?.name, l: row?.l }).to.deep.equal({
        d: '0.3',
        dType: 'Decimal128',
        l: 9007199254740995n,
      });
    });

    it('groups everything under _id null', async () => {
      const c = await sales();
      const all = await c
        .aggregate([{ $group: { _id: null, n: { $sum: 1 }, qty: { $sum: '$qty' } } }])
        .toArray();
      expect(all).to.deep.equal([{ _id: null, n: 5, qty: 13 }]);
    });

    it('chains $match $sort $skip $limit $project with computed fields', async () => {
      const c = await sales();
      const rows = await c
        .aggregate([
          { $match: { item: 'a' } },
          { $sort: { _id: -1 } },
          { $skip: 1 },
          { $limit: 5 },
          { $project: { _id: 0, item: 1, total: { $multiply: ['$qty', '$price'] } } },
        ])
        .toArray();
      expect(rows).to.deep.equal([
        { item: 'a', total: 50 },
        { item: 'a', total: 30 },
      ]);
    });

    it('supports $addFields, $count and multi-key $sort', async () => {
      const c = await sales();
      const counted = await c
        .aggregate([
          { $addFields: { revenue: { $multiply: ['$qty', '$price'] } } },
          { $match: { revenue: { $gte: 15 } } },
          { $count: 'n' },
        ])
        .toArray();
      expect(counted).to.deep.equal([{ n: 4 }]);
      const sorted = await c
        .aggregate([{ $sort: { qty: -1, price: 1 } }, { $project: { _id: 1 } }])
        .toArray();
      expect(sorted.map((d) => d._id)).to.deep.equal([3, 4, 1, 5, 2]);
    });
  });

  describe('$lookup', () => {
    const seed = async () => {
      await looseCollection(db(), 'orders').insertMany([
        { _id: 1, item: 'almonds', price: 12, quantity: 2 },
        { _id: 2, item: 'pecans', price: 20, quantity: 1 },
        { _id: 3 },
      ]);
      await looseCollection(db(), 'inventory').insertMany([
        { _id: 1, sku: 'almonds', instock: 120 },
        { _id: 2, sku: 'bread', instock: 80 },
        { _id: 3, sku: 'cashews', instock: 60 },
        { _id: 4, sku: 'pecans', instock: 70 },
        { _id: 5, sku: null },
        { _id: 6 },
      ]);
    };

    it('joins on localField/foreignField; a missing local field matches null or missing foreign fields', async () => {
      await seed();
      const rows = await looseCollection(db(), 'orders')
        .aggregate([
          { $sort: { _id: 1 } },
          { $lookup: { from: 'inventory', localField: 'item', foreignField: 'sku', as: 'stock' } },
        ])
        .toArray();
      const ids = rows.map((r) => [r._id, (r.stock as Document[]).map((s) => s._id as number).sort()]);
      expect(ids).to.deep.equal([
        [1, [1]],
        [2, [4]],
        [3, [5, 6]],
      ]);
      expect(rows[0]?.stock).to.deep.equal([{ _id: 1, sku: 'almonds', instock: 120 }]);
    });

    it('matches each element when localField is an array', async () => {
      await seed();
      await looseCollection(db(), 'baskets').insertOne({ _id: 'b', items: ['almonds', 'pecans', 'nothing'] });
      const [basket] = await looseCollection(db(), 'baskets')
        .aggregate([
          { $lookup: { from: 'inventory', localField: 'items', foreignField: 'sku', as: 'stock' } },
        ])
        .toArray();
      expect((basket?.stock as Document[]).map((s) => s._id as number).sort()).to.deep.equal([1, 4]);
    });

    it('joins with let and a sub-pipeline', async () => {
      await seed();
      const rows = await looseCollection(db(), 'orders')
        .aggregate([
          { $match: { item: { $exists: true } } },
          { $sort: { _id: 1 } },
          {
            $lookup: {
              from: 'inventory',
              let: { item: '$item', qty: '$quantity' },
              pipeline: [
                {
                  $match: {
                    $expr: {
                      $and: [
                        { $eq: ['$sku', '$$item'] },
                        { $gte: ['$instock', { $multiply: ['$$qty', 65] }] },
                      ],
                    },
                  },
                },
                { $project: { _id: 1 } },
              ],
              as: 'enough',
            },
          },
          { $project: { enough: 1 } },
        ])
        .toArray();
      // almonds: 2 × 65 = 130 > 120 in stock; pecans: 1 × 65 = 65 ≤ 70.
      expect(rows).to.deep.equal([
        { _id: 1, enough: [] },
        { _id: 2, enough: [{ _id: 4 }] },
      ]);
    });
  });

  describe('$unwind', () => {
    const seed = async () => {
      const c = looseCollection(db(), 'inventory2');
      await c.insertMany([
        { _id: 1, item: 'ABC', sizes: ['S', 'M', 'L'] },
        { _id: 2, item: 'EFG', sizes: [] },
        { _id: 3, item: 'IJK', sizes: 'M' },
        { _id: 4, item: 'LMN' },
        { _id: 5, item: 'XYZ', sizes: null },
      ]);
      return c;
    };

    it('emits one document per element, treating a scalar as a one-element array', async () => {
      const c = await seed();
      const rows = await c.aggregate([{ $sort: { _id: 1 } }, { $unwind: '$sizes' }]).toArray();
      expect(rows).to.deep.equal([
        { _id: 1, item: 'ABC', sizes: 'S' },
        { _id: 1, item: 'ABC', sizes: 'M' },
        { _id: 1, item: 'ABC', sizes: 'L' },
        { _id: 3, item: 'IJK', sizes: 'M' },
      ]);
    });

    it('adds the array index, null for scalars', async () => {
      const c = await seed();
      const rows = await c
        .aggregate([
          { $sort: { _id: 1 } },
          { $unwind: { path: '$sizes', includeArrayIndex: 'idx' } },
          { $project: { item: 0 } },
        ])
        .toArray();
      expect(rows).to.deep.equal([
        { _id: 1, sizes: 'S', idx: 0 },
        { _id: 1, sizes: 'M', idx: 1 },
        { _id: 1, sizes: 'L', idx: 2 },
        { _id: 3, sizes: 'M', idx: null },
      ]);
    });

    it('keeps null, missing and empty arrays with preserveNullAndEmptyArrays', async () => {
      const c = await seed();
      const rows = await c
        .aggregate([{ $sort: { _id: 1 } }, { $unwind: { path: '$sizes', preserveNullAndEmptyArrays: true } }])
        .toArray();
      expect(rows).to.deep.equal([
        { _id: 1, item: 'ABC', sizes: 'S' },
        { _id: 1, item: 'ABC', sizes: 'M' },
        { _id: 1, item: 'ABC', sizes: 'L' },
        { _id: 2, item: 'EFG' },
        { _id: 3, item: 'IJK', sizes: 'M' },
        { _id: 4, item: 'LMN' },
        { _id: 5, item: 'XYZ', sizes: null },
      ]);
    });
  });

  describe('$facet', () => {
    it('runs several sub-pipelines over the same input and returns one document', async () => {
      const c = await sales();
      const [result, ...rest] = await c
        .aggregate([
          {
            $facet: {
              byItem: [{ $group: { _id: '$item', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
              total: [{ $count: 'n' }],
              top: [{ $sort: { qty: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
            },
          },
        ])
        .toArray();
      expect(rest).to.have.length(0);
      expect(result).to.deep.equal({
        byItem: [
          { _id: 'a', n: 3 },
          { _id: 'b', n: 1 },
          { _id: 'c', n: 1 },
        ],
        total: [{ n: 5 }],
        top: [{ _id: 3 }],
      });
    });
  });

  describe('expressions', () => {
    it('evaluate $cond, $ifNull, $concat (null-propagating), $size, $filter and $map', async () => {
      const c = looseCollection(db(), 'expressions');
      await c.insertOne({ _id: 1, first: 'Aiko', nums: [1, 5, 8], nick: null });
      const [row] = await c
        .aggregate([
          {
            $project: {
              _id: 0,
              big: { $cond: [{ $gt: [{ $size: '$nums' }, 2] }, 'many', 'few'] },
              nick: { $ifNull: ['$nick', '$first'] },
              full: { $concat: ['$first', ' ', '$last'] },
              greeting: { $concat: ['Hi ', '$first'] },
              large: { $filter: { input: '$nums', as: 'n', cond: { $gte: ['$$n', 5] } } },
              doubled: { $map: { input: '$nums', as: 'n', in: { $multiply: ['$$n', 2] } } },
            },
          },
        ])
        .toArray();
      expect(row).to.deep.equal({
        big: 'many',
        nick: 'Aiko',
        full: null,
        greeting: 'Hi Aiko',
        large: [5, 8],
        doubled: [2, 10, 16],
      });
    });
  });

  describe('$bucket', () => {
    const artwork = async () => {
      const c = looseCollection(db(), 'artwork');
      await c.insertMany([
        { title: 'A', price: 76 },
        { title: 'B', price: 167 },
        { title: 'C', price: 200 },
        { title: 'D', price: 385 },
        { title: 'E', price: 400 },
        { title: 'F', price: 483 },
        { title: 'G' },
        { title: 'H', price: 0 },
      ]);
      return c;
    };

    it('buckets with inclusive lower and exclusive upper bounds, the rest going to default', async () => {
      const c = await artwork();
      const rows = await c
        .aggregate([
          { $sort: { title: 1 } },
          {
            $bucket: {
              groupBy: '$price',
              boundaries: [0, 200, 400],
              default: 'Other',
              output: { count: { $sum: 1 }, titles: { $push: '$title' } },
            },
          },
        ])
        .toArray();
      expect(rows).to.deep.equal([
        { _id: 0, count: 3, titles: ['A', 'B', 'H'] },
        { _id: 200, count: 2, titles: ['C', 'D'] },
        { _id: 'Other', count: 3, titles: ['E', 'F', 'G'] },
      ]);
    });

    it('outputs only a count by default and omits empty buckets', async () => {
      const c = await artwork();
      const rows = await c
        .aggregate([
          { $bucket: { groupBy: '$price', boundaries: [0, 100, 150, 200, 400, 1000], default: 'none' } },
        ])
        .toArray();
      expect(rows).to.deep.equal([
        { _id: 0, count: 2 },
        { _id: 150, count: 1 },
        { _id: 200, count: 2 },
        { _id: 400, count: 2 },
        { _id: 'none', count: 1 },
      ]);
    });

    it('fails when a value falls outside the boundaries and there is no default', async () => {
      const c = await artwork();
      const error = await serverError(() =>
        c.aggregate([{ $bucket: { groupBy: '$price', boundaries: [0, 200, 400] } }]).toArray(),
      );
      expect(error.code).to.be.a('number');
    });

    it('buckets by the local hour in Asia/Tokyo', async () => {
      const c = looseCollection(db(), 'shifts');
      await c.insertMany([
        { at: utc('2026-03-01T00:30:00Z') }, // 09:30 JST
        { at: utc('2026-03-01T10:00:00Z') }, // 19:00 JST
        { at: utc('2026-03-01T16:00:00Z') }, // 01:00 JST
        { at: utc('2026-03-01T23:59:00Z') }, // 08:59 JST
      ]);
      const rows = await c
        .aggregate([
          {
            $bucket: {
              groupBy: { $hour: { date: '$at', timezone: 'Asia/Tokyo' } },
              boundaries: [0, 9, 18, 24],
            },
          },
        ])
        .toArray();
      expect(rows).to.deep.equal([
        { _id: 0, count: 2 },
        { _id: 9, count: 1 },
        { _id: 18, count: 1 },
      ]);
    });
  });
});
