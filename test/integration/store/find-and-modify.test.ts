/**
 * Conformance: findAndModify through findOneAndUpdate / findOneAndDelete / findOneAndReplace —
 * returnDocument before/after, sort, projection, upsert and lastErrorObject.
 */
import { expect } from 'chai';
import { ObjectId } from 'mongodb';
import { useDriver } from '../../support/database.js';
import { looseCollection } from './support/target.js';

describe('store conformance: findAndModify', () => {
  const { db } = useDriver('fam');

  describe('findAndModify', () => {
    const seed = async () => {
      const c = looseCollection(db(), 'fam');
      await c.insertMany([
        { _id: 1, n: 1, g: 'x' },
        { _id: 2, n: 5, g: 'x' },
        { _id: 3, n: 3, g: 'y' },
      ]);
      return c;
    };

    it('findOneAndUpdate returns the document before the update by default and honours sort', async () => {
      const c = await seed();
      const before = await c.findOneAndUpdate({ g: 'x' }, { $inc: { n: 10 } }, { sort: { n: -1 } });
      expect(before).to.deep.equal({ _id: 2, n: 5, g: 'x' });
      expect(await c.findOne({ _id: 2 })).to.deep.equal({ _id: 2, n: 15, g: 'x' });
    });

    it("findOneAndUpdate with returnDocument 'after' returns the updated document, projected", async () => {
      const c = await seed();
      const after = await c.findOneAndUpdate(
        { g: 'x' },
        { $set: { seen: true } },
        { sort: { n: 1 }, returnDocument: 'after', projection: { _id: 1, seen: 1 } },
      );
      expect(after).to.deep.equal({ _id: 1, seen: true });
    });

    it('findOneAndUpdate returns null and changes nothing when no document matches', async () => {
      const c = await seed();
      expect(await c.findOneAndUpdate({ g: 'none' }, { $set: { n: 0 } })).to.equal(null);
      expect(await c.countDocuments({ n: 0 })).to.equal(0);
    });

    it('findOneAndUpdate with upsert inserts a document seeded from the filter', async () => {
      const c = await seed();
      const after = await c.findOneAndUpdate(
        { g: 'z' },
        { $set: { n: 0 } },
        { upsert: true, returnDocument: 'after' },
      );
      expect(after?._id).to.be.instanceOf(ObjectId);
      expect(after).to.deep.include({ g: 'z', n: 0 });

      const before = await c.findOneAndUpdate({ g: 'w' }, { $set: { n: 9 } }, { upsert: true });
      expect(before).to.equal(null);
      expect(await c.findOne({ g: 'w' }, { projection: { _id: 0 } })).to.deep.equal({ g: 'w', n: 9 });
    });

    it('reports lastErrorObject with includeResultMetadata', async () => {
      const c = await seed();
      const updated = await c.findOneAndUpdate(
        { _id: 3 },
        { $set: { n: 4 } },
        { includeResultMetadata: true, returnDocument: 'after' },
      );
      expect(updated.ok).to.equal(1);
      expect(updated.value).to.deep.equal({ _id: 3, n: 4, g: 'y' });
      expect(updated.lastErrorObject).to.deep.include({ n: 1, updatedExisting: true });

      const upserted = await c.findOneAndUpdate(
        { _id: 99 },
        { $set: { n: 1 } },
        { includeResultMetadata: true, upsert: true, returnDocument: 'after' },
      );
      expect(upserted.value).to.deep.equal({ _id: 99, n: 1 });
      expect(upserted.lastErrorObject).to.deep.include({ n: 1, updatedExisting: false, upserted: 99 });
    });

    it('findOneAndDelete removes and returns the first document in sort order', async () => {
      const c = await seed();
      expect(await c.findOneAndDelete({ g: 'x' }, { sort: { n: 1 } })).to.deep.equal({
        _id: 1,
        n: 1,
        g: 'x',
      });
      expect(await c.countDocuments()).to.equal(2);
      expect(await c.findOneAndDelete({ g: 'none' })).to.equal(null);
    });

    it('findOneAndReplace replaces the document, keeps _id, and upserts when asked', async () => {
      const c = await seed();
      const replaced = await c.findOneAndReplace({ _id: 3 }, { g: 'w' }, { returnDocument: 'after' });
      expect(replaced).to.deep.equal({ _id: 3, g: 'w' });
      const before = await c.findOneAndReplace({ _id: 3 }, { g: 'v' });
      expect(before).to.deep.equal({ _id: 3, g: 'w' });
      const upserted = await c.findOneAndReplace(
        { _id: 50 },
        { g: 'new' },
        { upsert: true, returnDocument: 'after' },
      );
      expect(upserted).to.deep.equal({ _id: 50, g: 'new' });
    });
  });
});
