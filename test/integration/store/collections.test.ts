/**
 * Conformance: create, drop, dropDatabase and listCollections through the driver.
 */
import { expect } from 'chai';
import { useDriver, uniqueDbName } from '../../support/database.js';
import { looseCollection, serverError } from './support/target.js';

describe('store conformance: collections and databases', () => {
  const { db, client } = useDriver('collections');

  const names = async (database = db()) =>
    (await database.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();

  it('create makes an empty collection that listCollections reports as a collection', async () => {
    await db().createCollection('explicit');
    const [info, ...rest] = await db().listCollections({ name: 'explicit' }).toArray();
    expect(rest).to.have.length(0);
    expect(info).to.deep.include({ name: 'explicit', type: 'collection' });
    expect(await looseCollection(db(), 'explicit').countDocuments()).to.equal(0);
  });

  it('creates a collection implicitly on first insert', async () => {
    await looseCollection(db(), 'implicit').insertOne({ a: 1 });
    expect(await names()).to.include('implicit');
  });

  it('handles collection names that contain dots', async () => {
    const c = looseCollection(db(), 'guild.members');
    await c.createIndex({ user: 1 }, { unique: true });
    await c.insertOne({ user: 'u1' });
    expect(await names()).to.include('guild.members');
    expect(await c.countDocuments()).to.equal(1);
    const error = await serverError(() => c.insertOne({ user: 'u1' }));
    expect(error.message).to.include(`collection: ${db().databaseName}.guild.members`);
  });

  it('listCollections filters by name and answers nameOnly', async () => {
    await db().createCollection('alpha');
    await db().createCollection('beta');
    const filtered = await db().listCollections({ name: 'beta' }, { nameOnly: true }).toArray();
    expect(filtered.map((c) => c.name)).to.deep.equal(['beta']);
    expect(await names()).to.include.members(['alpha', 'beta']);
    expect(await db().listCollections({ name: 'nope' }).toArray()).to.deep.equal([]);
  });

  it('drop removes the collection with its documents and indexes', async () => {
    const c = looseCollection(db(), 'doomed');
    await c.insertMany([{ a: 1 }, { a: 2 }]);
    await c.createIndex({ a: 1 }, { unique: true });
    expect(await c.drop()).to.equal(true);
    expect(await names()).to.not.include('doomed');
    expect(await c.countDocuments()).to.equal(0);
    await c.insertOne({ a: 1 });
    await c.insertOne({ a: 1 });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).to.deep.equal(['_id_']);
  });

  it('dropDatabase removes every collection of that database and no other', async () => {
    const doomed = client().db(uniqueDbName('doomed'));
    const bystander = client().db(uniqueDbName('bystander'));
    try {
      await looseCollection(doomed, 'one').insertOne({ a: 1 });
      await looseCollection(doomed, 'two').insertOne({ b: 2 });
      await looseCollection(bystander, 'kept').insertOne({ c: 3 });
      expect(await names(doomed)).to.deep.equal(['one', 'two']);

      expect(await doomed.dropDatabase()).to.equal(true);
      expect(await names(doomed)).to.deep.equal([]);
      expect(await looseCollection(doomed, 'one').countDocuments()).to.equal(0);
      expect(await looseCollection(bystander, 'kept').countDocuments()).to.equal(1);
    } finally {
      await doomed.dropDatabase();
      await bystander.dropDatabase();
    }
  });
});
