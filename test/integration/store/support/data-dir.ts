/**
 * Helpers for the persistence tests: a fresh temporary data directory per test, stores started on it (and
 * always stopped), and the store as a child process that can be killed with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import {
  startEmbeddedStore,
  type EmbeddedStore,
  type EmbeddedStoreOptions,
} from '../../../../sandbox/store/index.js';

/** Mocha helper: `dir()` is a new empty directory in each test, removed afterwards with every store on it. */
export function useDataDir(): {
  dir: () => string;
  start: (options?: EmbeddedStoreOptions) => Promise<EmbeddedStore>;
  connect: (store: EmbeddedStore) => Promise<MongoClient>;
} {
  let dir = '';
  const stores: EmbeddedStore[] = [];
  const clients: MongoClient[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tsunagu-store-test-'));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(stores.splice(0).map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    start: async (options = {}) => {
      const store = await startEmbeddedStore({ dataDir: dir, ...options });
      stores.push(store);
      return store;
    },
    connect: async (store) => {
      const client = await MongoClient.connect(store.uri, { serverSelectionTimeoutMS: 5000 });
      clients.push(client);
      return client;
    },
  };
}

/** The store's files in `dir` of one kind, full paths, oldest generation first. */
export async function filesOf(dir: string, kind: 'journal' | 'snapshot'): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(`${kind}-`) && !n.includes('.tmp')).sort();
  return names.map((n) => path.join(dir, n));
}

/** The store running as its own process (`tsx sandbox/store/main.ts`), as `npm run db` runs it. */
export interface ChildStore {
  uri: string;
  process: ChildProcess;
  /** Resolves once the process has exited (and been reaped). */
  exited: Promise<void>;
}

/** Spawns the store's CLI on `dataDir` and resolves with its URI once it listens. */
export function spawnStore(dataDir: string, extraArgs: string[] = []): Promise<ChildStore> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/store/main.ts', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const uri = output.split('\n').find((line) => line.startsWith('mongodb://'));
      if (uri) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ uri: uri.trim(), process: child, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`store exited with ${code} before listening:\n${output}`)));
  });
}
