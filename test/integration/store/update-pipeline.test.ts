/**
 * Conformance: updates with an aggregation pipeline (MongoDB 4.2+, "Updates with Aggregation Pipeline").
 * `_id` is immutable: a pipeline whose result has no `_id` ($replaceRoot / $replaceWith to a sub-document,
 * `$unset: '_id'`, `$project: { _id: 0 }`) keeps the document's `_id`, while a result with a different `_id`
 * fails with ImmutableField (66) and changes nothing.
 */
import { expect } from 'chai';
import { useDriver } from '../../support/database.js';
import { looseCollection, serverError } from './support/target.js';

describe('store conformance: pipeline updates and the immutable _id', () => {
  const { db } = useDriver('update_pipeline');
  const people = async () => {
    const c = looseCollection(db(), 'people');
    await c.insertMany([
      { _id: 1, name: 'Aiko', profile: { city: 'Tokyo', since: 2019 } },
      { _id: 2, name: 'Ben', profile: { _id: 99, city: 'Osaka' } },
    ]);
    return c;
  };

  it('$replaceRoot to a sub-document without _id keeps the original _id', async () => {
    const c = await people();
    const result = await c.updateOne({ _id: 1 }, [{ $replaceRoot: { newRoot: '$profile' } }]);
    expect(result.modifiedCount).to.equal(1);
    const stored = await c.findOne({ _id: 1 });
    expect(stored).to.deep.equal({ _id: 1, city: 'Tokyo', since: 2019 });
    expect(Object.keys(stored!)[0]).to.equal('_id');
  });

  it('$replaceWith a new document without _id keeps the original _id (findOneAndUpdate too)', async () => {
    const c = await people();
    const after = await c.findOneAndUpdate(
      { _id: 1 },
      [{ $replaceWith: { who: '$name', city: '$profile.city' } }],
      { returnDocument: 'after' },
    );
    expect(after).to.deep.equal({ _id: 1, who: 'Aiko', city: 'Tokyo' });
  });

  it('$unset and $project that drop _id leave it in place', async () => {
    const c = await people();
    await c.updateOne({ _id: 1 }, [{ $unset: ['_id', 'profile'] }]);
    await c.updateOne({ _id: 2 }, [{ $project: { _id: 0, name: 1 } }]);
    expect(await c.find().toArray()).to.deep.equal([
      { _id: 1, name: 'Aiko' },
      { _id: 2, name: 'Ben' },
    ]);
  });

  it('a result carrying a different _id fails with ImmutableField (66) and changes nothing', async () => {
    const c = await people();
    const error = await serverError(() => c.updateOne({ _id: 2 }, [{ $replaceWith: '$profile' }]));
    expect(error.code).to.equal(66);
    expect(error.message).to.match(/\(immutable\) field '_id'/);
    expect(await c.findOne({ _id: 2 })).to.deep.equal({
      _id: 2,
      name: 'Ben',
      profile: { _id: 99, city: 'Osaka' },
    });
  });

  it('a result carrying the same _id is accepted', async () => {
    const c = await people();
    await c.updateOne({ _id: 2 }, [{ $replaceWith: { _id: 2, name: '$name' } }]);
    expect(await c.findOne({ _id: 2 })).to.deep.equal({ _id: 2, name: 'Ben' });
  });

  it('an upsert takes _id from the filter when the pipeline result has none', async () => {
    const c = await people();
    const result = await c.updateOne({ _id: 7 }, [{ $replaceWith: { name: 'Chie' } }], { upsert: true });
    expect(result.upsertedId).to.equal(7);
    expect(await c.findOne({ _id: 7 })).to.deep.equal({ _id: 7, name: 'Chie' });
  });
});
