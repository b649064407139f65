/**
 * Persistence of the embedded store when its files are damaged: a record cut short at the end of the journal
 * (what a crash in the middle of a write leaves) is dropped and everything before it loads; damage that a
 * crash cannot explain is either kept aside for a person (journal) or refused loudly (snapshot).
 */
import { readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { expect } from 'chai';
import { filesOf, useDataDir } from './support/data-dir.js';

/** Start offsets of the records (frames: u32 length, u32 checksum, payload) of a journal file. */
function recordOffsets(data: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = 0; at + 8 <= data.length; at += 8 + data.readUInt32LE(at)) offsets.push(at);
  return offsets;
}

describe('store persistence: damaged files', () => {
  const { dir, start, connect } = useDataDir();

  /** Writes three documents in three commands (three journal records) and stops the store. */
  async function writeThree(): Promise<string> {
    const store = await start();
    const c = (await connect(store)).db('club').collection<{ _id: number }>('people');
    for (const _id of [1, 2, 3]) await c.insertOne({ _id });
    await store.stop();
    const [journal] = await filesOf(dir(), 'journal');
    return journal!;
  }

  it('drops a torn last record and loads every record before it', async () => {
    const journal = await writeThree();
    await truncate(journal, (await stat(journal)).size - 3);

    const store = await start();
    const c = (await connect(store)).db('club').collection<{ _id: number }>('people');
    expect((await c.find().toArray()).map((d) => d._id)).to.deep.equal([1, 2]);
    await c.insertOne({ _id: 4 });
    await store.stop();

    const again = await start();
    const docs = await (await connect(again)).db('club').collection('people').find().toArray();
    expect(docs.map((d) => d._id)).to.deep.equal([1, 2, 4]);
  });

  it('drops a last record cut inside its header, or whose bytes never reached the disk (zeros)', async () => {
    const journal = await writeThree();
    const data = await readFile(journal);
    const last = recordOffsets(data).at(-1)!;
    for (const damaged of [
      data.subarray(0, last + 3),
      Buffer.concat([data.subarray(0, last + 8), Buffer.alloc(data.length - last - 8)]),
    ]) {
      await writeFile(journal, damaged);
      const store = await start();
      const docs = await (await connect(store)).db('club').collection('people').find().toArray();
      expect(docs.map((d) => d._id)).to.deep.equal([1, 2]);
      await store.stop();
      // The restart folded the journal into a snapshot; put the three-record journal back for the next case.
      await writeFile(journal, data);
      for (const file of await filesOf(dir(), 'snapshot')) await rm(file);
      for (const file of await filesOf(dir(), 'journal')) if (file !== journal) await rm(file);
    }
  });

  it('keeps a journal damaged in the middle beside the store and loads what precedes the damage', async () => {
    const journal = await writeThree();
    const data = await readFile(journal);
    // Records: the file header, then one per insert. Flip a payload byte of the second insert's record: its
    // checksum no longer matches while the third record after it is intact.
    const at = recordOffsets(data)[2]! + 12;
    data[at] = data[at]! ^ 0xff;
    await writeFile(journal, data);

    const store = await start();
    const docs = await (await connect(store)).db('club').collection('people').find().toArray();
    expect(docs.map((d) => d._id)).to.deep.equal([1]);
    expect((await readFile(`${journal}.damaged`)).equals(data)).to.equal(true);
  });

  it('refuses to start on a damaged snapshot rather than lose what it held', async () => {
    const store = await start({ compactAfterBytes: 1 });
    const c = (await connect(store)).db('club').collection<{ _id: number }>('people');
    for (const _id of [1, 2, 3]) await c.insertOne({ _id });
    await store.stop();
    const [snapshot] = await filesOf(dir(), 'snapshot');
    const data = await readFile(snapshot!);
    data[data.length - 10] = data[data.length - 10]! ^ 0xff;
    await writeFile(snapshot!, data);

    const error = await start().catch((e: unknown) => e);
    expect(String(error)).to.match(/snapshot .* is damaged/);
  });
});
