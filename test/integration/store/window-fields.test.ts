/**
 * Conformance: `$setWindowFields` and `$fill` (built on it), with the manual's own examples (the cakeSales
 * collection of the $setWindowFields page; restaurantReviews and stock of the $fill page). Output fields are
 * added like `$addFields`: after the input document's fields.
 */
import { expect } from 'chai';
import { useDriver } from '../../support/database.js';
import { utc } from './support/fixtures.js';
import { looseCollection } from './support/target.js';

describe('store conformance: $setWindowFields and $fill', () => {
  const { db } = useDriver('window_fields');
  const cakeSales = async () => {
    const c = looseCollection(db(), 'cakeSales');
    await c.insertMany([
      {
        _id: 0,
        type: 'chocolate',
        orderDate: utc('2020-05-18T14:10:30Z'),
        state: 'CA',
        price: 13,
        quantity: 120,
      },
      {
        _id: 1,
        type: 'chocolate',
        orderDate: utc('2021-03-20T11:30:05Z'),
        state: 'WA',
        price: 14,
        quantity: 140,
      },
      {
        _id: 2,
        type: 'vanilla',
        orderDate: utc('2021-01-11T06:31:15Z'),
        state: 'CA',
        price: 12,
        quantity: 145,
      },
      {
        _id: 3,
        type: 'vanilla',
        orderDate: utc('2020-02-08T13:13:23Z'),
        state: 'WA',
        price: 13,
        quantity: 104,
      },
      {
        _id: 4,
        type: 'strawberry',
        orderDate: utc('2019-05-18T16:09:01Z'),
        state: 'CA',
        price: 41,
        quantity: 162,
      },
      {
        _id: 5,
        type: 'strawberry',
        orderDate: utc('2019-01-08T06:12:03Z'),
        state: 'WA',
        price: 43,
        quantity: 134,
      },
    ]);
    return c;
  };

  it('computes a cumulative quantity per state over a documents window', async () => {
    const c = await cakeSales();
    const docs = await c
      .aggregate([
        {
          $setWindowFields: {
            partitionBy: '$state',
            sortBy: { orderDate: 1 },
            output: {
              cumulativeQuantityForState: {
                $sum: '$quantity',
                window: { documents: ['unbounded', 'current'] },
              },
            },
          },
        },
      ])
      .toArray();
    const byId = Object.fromEntries(docs.map((d) => [d._id, d['cumulativeQuantityForState']]));
    expect(byId).to.deep.equal({ 4: 162, 0: 282, 2: 427, 5: 134, 3: 238, 1: 378 });
    expect(Object.keys(docs[0]!).at(-1)).to.equal('cumulativeQuantityForState');
  });

  it("ranks each state's sales by quantity with $rank", async () => {
    const c = await cakeSales();
    const docs = await c
      .aggregate([
        {
          $setWindowFields: {
            partitionBy: '$state',
            sortBy: { quantity: -1 },
            output: { rank: { $rank: {} } },
          },
        },
      ])
      .toArray();
    const byId = Object.fromEntries(docs.map((d) => [d._id, d['rank']]));
    expect(byId).to.deep.equal({ 4: 1, 2: 2, 0: 3, 1: 1, 5: 2, 3: 3 });
  });

  it('$fill carries the last observed value forward (locf) and interpolates (linear)', async () => {
    const reviews = looseCollection(db(), 'restaurantReviews');
    await reviews.insertMany(
      [90, 92, null, null, 85, null].map((score, i) => ({
        _id: i,
        date: utc(`2021-03-${String(8 + i).padStart(2, '0')}T00:00:00Z`),
        ...(score === null ? {} : { score }),
      })),
    );
    const filled = await reviews
      .aggregate([{ $fill: { sortBy: { date: 1 }, output: { score: { method: 'locf' } } } }])
      .toArray();
    expect(filled.map((d) => d['score'])).to.deep.equal([90, 92, 92, 92, 85, 85]);

    const stock = looseCollection(db(), 'stock');
    await stock.insertMany(
      [500, null, 515, null, null, 485].map((price, i) => ({
        _id: i,
        time: utc(`2021-03-08T${String(9 + i).padStart(2, '0')}:00:00Z`),
        ...(price === null ? {} : { price }),
      })),
    );
    const interpolated = await stock
      .aggregate([{ $fill: { sortBy: { time: 1 }, output: { price: { method: 'linear' } } } }])
      .toArray();
    expect(interpolated.map((d) => d['price'])).to.deep.equal([500, 507.5, 515, 505, 495, 485]);
  });
});
