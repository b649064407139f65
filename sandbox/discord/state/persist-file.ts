/**
 * The emulator's data directory: one snapshot file, written to a temporary name, fsynced, renamed
 * into place and its directory fsynced, so the file that exists is always a complete snapshot (a
 * kill -9 mid-write leaves the previous one). A checksum in the header proves it again at load; a
 * damaged file stops the start-up instead of being silently replaced by an empty emulator. A pid
 * lock keeps a second emulator from writing the same directory. Only the emulator's own file
 * names are ever touched, so a wrong `dataDir` cannot wipe anything else.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { lockDataDir as lockDir, syncDirectory } from '../../data-dir-lock.js';

export const SNAPSHOT_FILE = 'emulator-state.json';
const TEMPORARY_FILE = `${SNAPSHOT_FILE}.tmp`;
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

/** Takes the directory's lock (sandbox/data-dir-lock.ts): two emulators must not write one snapshot. */
export const lockDataDir = (dir: string): Promise<() => Promise<void>> => lockDir(dir, 'Discord emulator');
