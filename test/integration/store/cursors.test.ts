/**
 * Conformance: cursors beyond the first batch (find and aggregate), batchSize, getMore and
 * killCursors, observed through the driver's command monitoring. Expected behaviour from the
 * manual: find's default first batch is 101 documents, a cursor id of 0 means exhausted,
 * getMore on a killed cursor fails with CursorNotFound (43).
 */
import { expect } from 'chai';
import { Long, type Document } from 'mongodb';
import { looseCollection, serverError, useMonitoredDriver } from './support/target.js';

/** Cursor ids arrive as Long, bigint or number depending on options; compare them as bigint. */
const idOf = (value: unknown): bigint => BigInt(String(value));

describe('store conformance: cursors, getMore and killCursors', () => {
  const { db, log } = useMonitoredDriver('cursors');

  const seed = async (name: string, count: number) => {
    const c = looseCollection(db(), name);
    await c.insertMany(Array.from({ length: count }, (_, i) => ({ _id: i, i, pad: 'x'.repeat(20) })));
    log.clear();
    return c;
  };
  const replies = (command: string): Document[] =>
    log.succeeded.filter((e) => e.commandName === command).map((e) => e.reply as Document);

  it('returns every document past the first batch of 101, fetching the rest with getMore', async () => {
    const c = await seed('big', 250);
    const docs = await c.find().sort({ i: 1 }).toArray();
    expect(docs).to.have.length(250);
    expect(docs.map((d) => d.i)).to.deep.equal(Array.from({ length: 250 }, (_, i) => i));
    const [first] = replies('find');
    expect(first?.cursor.firstBatch).to.have.length(101);
    expect(idOf(first?.cursor.id)).to.not.equal(0n);
    const more = replies('getMore');
    expect(more.length).to.be.greaterThan(0);
    const fetched = more.reduce((sum, r) => sum + (r.cursor.nextBatch as unknown[]).length, 0);
    expect(fetched).to.equal(149);
    expect(idOf(more.at(-1)?.cursor.id)).to.equal(0n);
  });

  it('honours batchSize on find and on each getMore', async () => {
    const c = await seed('batched', 12);
    const docs = await c.find({}, { batchSize: 5 }).sort({ i: 1 }).toArray();
    expect(docs.map((d) => d.i)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i));
    expect(replies('find')[0]?.cursor.firstBatch).to.have.length(5);
    const batches = replies('getMore').map((r) => (r.cursor.nextBatch as unknown[]).length);
    expect(batches).to.deep.equal([5, 2]);
    expect(idOf(replies('getMore').at(-1)?.cursor.id)).to.equal(0n);
  });

  it('closes the cursor at once (id 0) when the first batch holds everything', async () => {
    const c = await seed('small', 3);
    expect(await c.find().toArray()).to.have.length(3);
    expect(idOf(replies('find')[0]?.cursor.id)).to.equal(0n);
    expect(replies('getMore')).to.have.length(0);
  });

  it('with batchSize 0 opens a cursor with an empty first batch', async () => {
    await seed('zero-batch', 3);
    const reply = await db().command({ find: 'zero-batch', filter: {}, sort: { i: 1 }, batchSize: 0 });
    expect(reply.cursor.firstBatch).to.deep.equal([]);
    expect(idOf(reply.cursor.id)).to.not.equal(0n);
    const more = await db().command({ getMore: reply.cursor.id as Long, collection: 'zero-batch' });
    expect((more.cursor.nextBatch as Document[]).map((d) => d.i)).to.deep.equal([0, 1, 2]);
    expect(idOf(more.cursor.id)).to.equal(0n);
  });

  it('a negative limit returns one batch and closes the cursor', async () => {
    const c = await seed('single-batch', 10);
    const docs = await c.find().sort({ i: 1 }).limit(-3).toArray();
    expect(docs.map((d) => d.i)).to.deep.equal([0, 1, 2]);
    expect(idOf(replies('find')[0]?.cursor.id)).to.equal(0n);
    expect(replies('getMore')).to.have.length(0);
  });

  it('requires the cursor option on the aggregate command', async () => {
    await seed('no-cursor', 1);
    const error = await serverError(() => db().command({ aggregate: 'no-cursor', pipeline: [] }));
    expect(error.code).to.be.a('number');
  });

  it('applies skip and limit across batches', async () => {
    const c = await seed('window', 30);
    const docs = await c.find().sort({ i: -1 }).skip(5).limit(10).batchSize(4).toArray();
    expect(docs.map((d) => d.i)).to.deep.equal([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
  });

  it('keeps two open cursors on the same collection independent', async () => {
    const c = await seed('interleaved', 10);
    const up = c.find().sort({ i: 1 }).batchSize(2);
    const down = c.find().sort({ i: -1 }).batchSize(2);
    const seen: Array<[number, number]> = [];
    for (let n = 0; n < 10; n += 1) {
      const a = await up.next();
      const b = await down.next();
      seen.push([a?.i as number, b?.i as number]);
    }
    expect(seen).to.deep.equal(Array.from({ length: 10 }, (_, n) => [n, 9 - n]));
    expect(await up.next()).to.equal(null);
    expect(await down.next()).to.equal(null);
  });

  it('streams an aggregate cursor across batches with getMore', async () => {
    const c = await seed('agg', 10);
    const docs = await c
      .aggregate([{ $sort: { i: 1 } }, { $project: { _id: 0, i: 1 } }], { batchSize: 4 })
      .toArray();
    expect(docs).to.deep.equal(Array.from({ length: 10 }, (_, i) => ({ i })));
    expect(replies('aggregate')[0]?.cursor.firstBatch).to.have.length(4);
    expect(replies('getMore').map((r) => (r.cursor.nextBatch as unknown[]).length)).to.deep.equal([4, 2]);
  });

  it('cursor.close() kills an open server cursor, after which getMore fails with CursorNotFound (43)', async () => {
    const c = await seed('killed', 10);
    const cursor = c.find().batchSize(2);
    expect(await cursor.next()).to.not.equal(null);
    const id = cursor.id;
    expect(idOf(id)).to.not.equal(0n);
    await cursor.close();

    const [killed] = replies('killCursors');
    expect(killed?.ok).to.equal(1);
    expect((killed?.cursorsKilled as unknown[]).map(idOf)).to.deep.equal([idOf(id)]);

    const error = await serverError(() => db().command({ getMore: id, collection: 'killed' }));
    expect(error.code).to.equal(43);
  });

  it('killCursors reports ids it does not know as cursorsNotFound', async () => {
    await seed('unknown-cursor', 1);
    const bogus = Long.fromString('123456789012');
    const reply = await db().command({ killCursors: 'unknown-cursor', cursors: [bogus] });
    expect(reply.ok).to.equal(1);
    expect((reply.cursorsNotFound as unknown[]).map(idOf)).to.deep.equal([idOf(bogus)]);
    expect(reply.cursorsKilled).to.deep.equal([]);
  });
});
