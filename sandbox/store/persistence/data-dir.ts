/**
 * The data directory: file names by generation, the lock that keeps a second store out, fsync of the directory
 * itself (a rename or a new file only survives a crash once its directory entry is on disk), and reset.
 * Only files named like the store's own are ever touched, so pointing `dataDir` at a wrong place cannot wipe it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { lockDataDir as lockDir, syncDirectory } from '../../data-dir-lock.js';

export { syncDirectory };

const SNAPSHOT_NAME = /^snapshot-(\d{8})\.bson$/;
const JOURNAL_NAME = /^journal-(\d{8})\.log$/;
const TEMPORARY_NAME = /^snapshot-\d{8}\.bson\.tmp$/;
const DAMAGED_NAME = /^journal-\d{8}\.log\.damaged$/;

const pad = (generation: number): string => String(generation).padStart(8, '0');

/** `snapshot-<8-digit generation>.bson`: zero-padded so names sort in generation order. */
export const snapshotPath = (dir: string, generation: number): string =>
  path.join(dir, `snapshot-${pad(generation)}.bson`);
/** `journal-<8-digit generation>.log`. */
export const journalPath = (dir: string, generation: number): string =>
  path.join(dir, `journal-${pad(generation)}.log`);

export interface DataDirFiles {
  /** Generations of complete snapshots, ascending. */
  snapshots: number[];
  /** Generations of journals, ascending. */
  journals: number[];
}

/** Lists the store's files, deleting snapshots that were being written when the last process stopped. */
export async function scanDataDir(dir: string): Promise<DataDirFiles> {
  const snapshots: number[] = [];
  const journals: number[] = [];
  for (const name of await fs.readdir(dir)) {
    const snapshot = SNAPSHOT_NAME.exec(name);
    const journal = JOURNAL_NAME.exec(name);
    if (snapshot) snapshots.push(Number(snapshot[1]));
    else if (journal) journals.push(Number(journal[1]));
    else if (TEMPORARY_NAME.test(name)) await fs.rm(path.join(dir, name), { force: true });
  }
  const ascending = (a: number, b: number): number => a - b;
  return { snapshots: snapshots.sort(ascending), journals: journals.sort(ascending) };
}

/** Deletes the store's files of generations below `generation` (after a newer snapshot is durable). */
export async function removeBelow(dir: string, files: DataDirFiles, generation: number): Promise<void> {
  const doomed = [
    ...files.snapshots.filter((g) => g < generation).map((g) => snapshotPath(dir, g)),
    ...files.journals.filter((g) => g < generation).map((g) => journalPath(dir, g)),
  ];
  for (const file of doomed) await fs.rm(file, { force: true });
  if (doomed.length) await syncDirectory(dir);
}

/** Creates the directory (and makes its entry durable) if it does not exist yet. */
export async function ensureDataDir(dir: string): Promise<void> {
  const created = await fs.mkdir(dir, { recursive: true });
  if (created) await syncDirectory(path.dirname(path.resolve(dir)));
}

/** Removes every file the store owns in `dir` (call with the lock held), so the store starts empty. */
export async function resetDataDir(dir: string): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    if (
      SNAPSHOT_NAME.test(name) ||
      JOURNAL_NAME.test(name) ||
      TEMPORARY_NAME.test(name) ||
      DAMAGED_NAME.test(name)
    ) {
      await fs.rm(path.join(dir, name), { force: true });
    }
  }
  await syncDirectory(dir);
}

/** Takes the directory's lock (sandbox/data-dir-lock.ts): two stores appending to one journal would interleave records. */
export const lockDataDir = (dir: string): Promise<() => Promise<void>> => lockDir(dir, 'store');
