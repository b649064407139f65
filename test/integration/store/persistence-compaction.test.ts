/**
 * Persistence of the embedded store across compaction: whichever step of a compaction a crash interrupts,
 * the directory loads to the same state. The intermediate states are rebuilt from real files: journal 0 holds
 * the first writes, journal 1 the later ones, snapshot 1 the state between them.
 */
import { copyFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { filesOf, useDataDir } from './support/data-dir.js';

describe('store persistence: a crash during compaction', () => {
  const { dir, start, connect } = useDataDir();

  /** Files of each generation, copied aside: journal-0 (docs 1-2), snapshot-1 (docs 1-2), journal-1 (doc 3). */
  async function generations(): Promise<Record<'journal0' | 'snapshot1' | 'journal1', string>> {
    let store = await start();
    let c = (await connect(store)).db('club').collection<{ _id: number }>('people');
    await c.insertMany([{ _id: 1 }, { _id: 2 }]);
    await store.stop();
    const aside = (name: string): string => path.join(dir(), `${name}.aside`);
    await copyFile((await filesOf(dir(), 'journal'))[0]!, aside('journal0'));

    store = await start(); // folds journal 0 into snapshot 1 and opens journal 1
    c = (await connect(store)).db('club').collection<{ _id: number }>('people');
    await c.insertOne({ _id: 3 });
    await c.deleteOne({ _id: 1 });
    await store.stop();
    await copyFile((await filesOf(dir(), 'snapshot'))[0]!, aside('snapshot1'));
    await copyFile((await filesOf(dir(), 'journal'))[0]!, aside('journal1'));
    for (const name of await readdir(dir())) if (!name.endsWith('.aside')) await rm(path.join(dir(), name));
    return { journal0: aside('journal0'), snapshot1: aside('snapshot1'), journal1: aside('journal1') };
  }

  async function loadedIds(): Promise<unknown[]> {
    const store = await start();
    const docs = await (await connect(store)).db('club').collection('people').find().toArray();
    await store.stop();
    return docs.map((d) => d._id);
  }

  const place = (from: string, name: string): Promise<void> => copyFile(from, path.join(dir(), name));

  it('loads the old journals when the crash came before the new snapshot was renamed into place', async () => {
    const files = await generations();
    await place(files.journal0, 'journal-00000000.log');
    await place(files.journal1, 'journal-00000001.log');
    await writeFile(path.join(dir(), 'snapshot-00000001.bson.tmp'), 'half a snapshot');
    expect(await loadedIds()).to.deep.equal([2, 3]);
    expect((await readdir(dir())).some((n) => n.endsWith('.tmp'))).to.equal(false);
  });

  it('loads the new snapshot when the crash came before the old generation was deleted', async () => {
    const files = await generations();
    await place(files.journal0, 'journal-00000000.log');
    await place(files.snapshot1, 'snapshot-00000001.bson');
    await place(files.journal1, 'journal-00000001.log');
    expect(await loadedIds()).to.deep.equal([2, 3]);
    expect(await filesOf(dir(), 'journal')).to.have.length(1);
    expect(await filesOf(dir(), 'snapshot')).to.have.length(1);
  });

  it('loads the new snapshot alone when the new journal never got a byte', async () => {
    const files = await generations();
    await place(files.snapshot1, 'snapshot-00000001.bson');
    await writeFile(path.join(dir(), 'journal-00000001.log'), '');
    expect(await loadedIds()).to.deep.equal([1, 2]);
  });

  it('refuses journals whose snapshot is missing instead of replaying them onto nothing', async () => {
    const files = await generations();
    await place(files.journal1, 'journal-00000001.log');
    const error = await start().catch((e: unknown) => e);
    expect(String(error)).to.match(/journals from generation 1 on but no snapshot/);
  });
});
