/**
 * Conformance through mongoose: index builds from the schema (Model.init), unique violations,
 * findOneAndUpdate with upsert (defaults and timestamps on insert), populate and lean queries.
 */
import { expect } from 'chai';
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { MongoServerError } from 'mongodb';
import { useMongoose } from '../../support/database.js';

interface Alumnus {
  email: string;
  name?: string;
  role: string;
  visits: number;
  createdAt?: Date;
  updatedAt?: Date;
}

interface Post {
  title: string;
  author: Types.ObjectId;
}

const alumnusSchema = new Schema<Alumnus>(
  {
    email: { type: String, required: true, unique: true },
    name: String,
    role: { type: String, default: 'member' },
    visits: { type: Number, default: 0 },
  },
  { timestamps: true },
);
const postSchema = new Schema<Post>({
  title: { type: String, required: true },
  author: { type: Schema.Types.ObjectId, ref: 'ConformanceAlumnus', required: true },
});

let Alumnus: Model<Alumnus>;
let Post: Model<Post>;

/** Awaits a rejection and returns the error, failing when the promise resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
}

describe('store conformance: mongoose', () => {
  useMongoose('conformance_mongoose');

  before(async () => {
    // Compiled only once connected: Model.init() memoises its index build, so a model compiled
    // earlier would have built its indexes in whichever database mongoose used first.
    for (const name of ['ConformanceAlumnus', 'ConformancePost']) {
      if (mongoose.modelNames().includes(name)) mongoose.deleteModel(name);
    }
    Alumnus = mongoose.model<Alumnus>('ConformanceAlumnus', alumnusSchema, 'conformance_alumni');
    Post = mongoose.model<Post>('ConformancePost', postSchema, 'conformance_posts');
    await Alumnus.init();
    await Post.init();
  });

  it('Model.init() builds the unique index declared in the schema', async () => {
    const indexes = await Alumnus.listIndexes();
    const email = indexes.find((i) => i.name === 'email_1');
    expect(email).to.deep.include({ key: { email: 1 }, unique: true });
  });

  it('rejects a duplicate unique value with a MongoServerError 11000 naming the key', async () => {
    await Alumnus.create({ email: 'aiko@example.com' });
    const error = await rejection(Alumnus.create({ email: 'aiko@example.com', name: 'again' }));
    expect(error).to.be.instanceOf(MongoServerError);
    const serverError = error as MongoServerError;
    expect(serverError.code).to.equal(11000);
    expect(serverError.keyPattern).to.deep.equal({ email: 1 });
    expect(serverError.keyValue).to.deep.equal({ email: 'aiko@example.com' });
    expect(await Alumnus.countDocuments()).to.equal(1);
  });

  it('unordered insertMany keeps the non-duplicates and reports 11000', async () => {
    await Alumnus.create({ email: 'taken@example.com' });
    const error = await rejection(
      Alumnus.insertMany(
        [{ email: 'new1@example.com' }, { email: 'taken@example.com' }, { email: 'new2@example.com' }],
        { ordered: false },
      ),
    );
    expect((error as { code?: number }).code).to.equal(11000);
    const emails = (await Alumnus.find().sort({ email: 1 }).lean()).map((a) => a.email);
    expect(emails).to.deep.equal(['new1@example.com', 'new2@example.com', 'taken@example.com']);
  });

  it('findOneAndUpdate with upsert inserts once, seeded from the filter, with defaults and timestamps', async () => {
    const first = await Alumnus.findOneAndUpdate(
      { email: 'ren@example.com' },
      { $inc: { visits: 1 }, $set: { name: 'Ren' } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(first).to.not.equal(null);
    expect(first?.email).to.equal('ren@example.com');
    expect(first?.name).to.equal('Ren');
    expect(first?.visits).to.equal(1);
    expect(first?.role).to.equal('member');
    expect(first?.createdAt).to.be.instanceOf(Date);

    const second = await Alumnus.findOneAndUpdate(
      { email: 'ren@example.com' },
      { $inc: { visits: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(second?._id.equals(first?._id)).to.equal(true);
    expect(second?.visits).to.equal(2);
    expect(second?.createdAt?.getTime()).to.equal(first?.createdAt?.getTime());
    expect(await Alumnus.countDocuments({ email: 'ren@example.com' })).to.equal(1);
  });

  it("findOneAndUpdate with upsert and returnDocument 'before' returns null on insert", async () => {
    const before = await Alumnus.findOneAndUpdate(
      { email: 'mei@example.com' },
      { $set: { name: 'Mei' } },
      { upsert: true, returnDocument: 'before' },
    );
    expect(before).to.equal(null);
    const stored = await Alumnus.findOne({ email: 'mei@example.com' }).lean();
    expect(stored).to.deep.include({ email: 'mei@example.com', name: 'Mei', role: 'member', visits: 0 });
  });

  it('syncIndexes drops an index the schema no longer declares and keeps the declared ones', async () => {
    await Alumnus.collection.createIndex({ name: 1 }, { name: 'stale_name' });
    const dropped = await Alumnus.syncIndexes();
    expect(dropped).to.deep.equal(['stale_name']);
    const names = (await Alumnus.listIndexes()).map((i) => i.name as string).sort();
    expect(names).to.deep.equal(['_id_', 'email_1']);
  });

  it('answers exists, findById and bulkWrite', async () => {
    const aiko = await Alumnus.create({ email: 'a@example.com' });
    expect(await Alumnus.exists({ email: 'a@example.com' })).to.deep.equal({ _id: aiko._id });
    expect(await Alumnus.exists({ email: 'nobody@example.com' })).to.equal(null);
    const result = await Alumnus.bulkWrite([
      { insertOne: { document: { email: 'b@example.com' } } },
      { updateOne: { filter: { _id: aiko._id }, update: { $inc: { visits: 3 } } } },
    ]);
    expect(result.insertedCount).to.equal(1);
    expect(result.modifiedCount).to.equal(1);
    expect((await Alumnus.findById(aiko._id))?.visits).to.equal(3);
  });

  it('saves, updates, queries, populates and deletes documents', async () => {
    const author = await Alumnus.create({ email: 'kai@example.com', name: 'Kai' });
    await Post.create([
      { title: 'Hello', author: author._id },
      { title: 'Again', author: author._id },
    ]);
    author.visits = 5;
    await author.save();
    expect((await Alumnus.findById(author._id).lean())?.visits).to.equal(5);

    const posts = await Post.find().sort({ title: 1 }).populate<{ author: Alumnus }>('author').lean();
    expect(posts.map((p) => [p.title, p.author.email])).to.deep.equal([
      ['Again', 'kai@example.com'],
      ['Hello', 'kai@example.com'],
    ]);

    const updated = await Post.updateMany({ author: author._id }, { $set: { title: 'Edited' } });
    expect(updated.modifiedCount).to.equal(2);
    expect(await Post.countDocuments({ title: 'Edited' })).to.equal(2);
    expect((await Post.deleteOne({ title: 'Edited' })).deletedCount).to.equal(1);
    expect(await Post.countDocuments()).to.equal(1);
  });
});
