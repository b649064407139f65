/**
 * What both stand-ins' data directories need (the store's journal and snapshots, the emulator's
 * snapshot): durable directory entries, and a pid lock so two processes — or two instances in one
 * process — never write the same directory.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

const LOCK_NAME = 'LOCK';

/** Makes a directory's entries (new, renamed or removed files) durable. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or sync a directory; there the rename itself is all we get.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/** Lock files this process holds, so a pid reused across container restarts is not mistaken for a live owner. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the directory's lock (a file holding the owner's pid) or fails when a live process — or
 * another instance in this one — holds it. A lock left by a killed process is taken over (our own
 * pid in a file we do not hold is a lock left before a container restart reused the pid).
 * `owner` names the stand-in in the refusal. Resolves with the function that releases it.
 */
export async function lockDataDir(dir: string, owner: string): Promise<() => Promise<void>> {
  const file = path.resolve(dir, LOCK_NAME);
  if (heldHere.has(file))
    throw new Error(`data directory ${dir} is already used by a ${owner} in this process`);
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const pid = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(`data directory ${dir} is in use by another ${owner} (pid ${pid})`, { cause: error });
      }
      await fs.rm(file, { force: true });
    }
  }
  heldHere.add(file);
  return async () => {
    heldHere.delete(file);
    await fs.rm(file, { force: true });
  };
}
