/**
 * The emulator's data directory: one snapshot file, written to a temporary name, fsynced, renamed
 * into place and its directory fsynced, so the file that exists is always a complete snapshot (a
 * kill -9 mid-write leaves the previous one). A checksum in the header proves it again at load; a
 * damaged file stops the start-up instead of being silently replaced by an empty emulator. A pid
 * lock keeps a second emulator from writing the same directory. Only the emulator's own file
 * names are ever touched, so a wrong `dataDir` cannot wipe anything else.
 */
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

export const SNAPSHOT_FILE = 'emulator-state.json';
const TEMPORARY_FILE = `${SNAPSHOT_FILE}.tmp`;
const LOCK_FILE = 'LOCK';
const FORMAT = 'tsunagu-discord-emulator';
const VERSION = 1;

interface Header {
  format: string;
  version: number;
  sha256: string;
  bytes: number;
  savedAt: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    // Some platforms cannot open or sync a directory; there the rename is all we get.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/** Creates the directory if needed and deletes a temporary file left by a killed writer. */
export async function prepareDataDir(dir: string, options: { reset: boolean }): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.rm(path.join(dir, TEMPORARY_FILE), { force: true });
  if (options.reset) await fs.rm(path.join(dir, SNAPSHOT_FILE), { force: true });
  await syncDirectory(dir);
}

/** The saved body (JSON text), or undefined when the directory has no snapshot yet. */
export async function readSnapshot(dir: string): Promise<string | undefined> {
  const file = path.join(dir, SNAPSHOT_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const newline = text.indexOf('\n');
  const header = (() => {
    try {
      return JSON.parse(text.slice(0, newline)) as Header;
    } catch {
      return undefined;
    }
  })();
  const body = text.slice(newline + 1);
  if (newline < 0 || header?.format !== FORMAT) throw new Error(`${file} is not a Discord emulator snapshot`);
  if (header.version !== VERSION)
    throw new Error(`${file}: snapshot version ${header.version} is not supported`);
  if (Buffer.byteLength(body) !== header.bytes || sha256(body) !== header.sha256) {
    throw new Error(`${file} is damaged (checksum mismatch); move it away or run with --reset`);
  }
  return body;
}

/** Writes `body` as the new snapshot durably (temporary file, fsync, rename, fsync of the directory). */
export async function writeSnapshot(dir: string, body: string, now = new Date()): Promise<void> {
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    sha256: sha256(body),
    bytes: Buffer.byteLength(body),
    savedAt: now.toISOString(),
  };
  const temporary = path.join(dir, TEMPORARY_FILE);
  const handle = await fs.open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(header)}\n${body}`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, path.join(dir, SNAPSHOT_FILE));
  await syncDirectory(dir);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the directory's lock (a file with the owner's pid) or fails when a live process holds it;
 * a lock left by a killed process is taken over. Resolves with the release function.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return () => fs.rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      // Our own pid in the file is a lock left before a container restart reused the pid.
      if (owner && owner !== process.pid && alive(owner)) {
        throw new Error(`data directory ${dir} is in use by another Discord emulator (pid ${owner})`, {
          cause: error,
        });
      }
      await fs.rm(file, { force: true });
    }
  }
}
