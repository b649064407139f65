/**
 * The sandbox's one data folder (`.sandbox/` at the repository root, or SANDBOX_DATA_DIR): the
 * embedded store's files in `store/`, the Discord emulator's in `discord/`, and the dashboard's
 * session secret, made once so logins survive a restart. Each stand-in deletes only its own files
 * on reset, so pointing SANDBOX_DATA_DIR at a wrong folder cannot wipe it.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET_FILE = 'session-secret';

export interface SandboxDataDirs {
  root: string;
  store: string;
  discord: string;
}

/** The folders for `configured` (SANDBOX_DATA_DIR, relative to the working directory) or `.sandbox/`. */
export function sandboxDataDirs(configured: string | undefined): SandboxDataDirs {
  const root = configured ? path.resolve(configured) : path.join(REPO_ROOT, '.sandbox');
  return { root, store: path.join(root, 'store'), discord: path.join(root, 'discord') };
}

/**
 * The dashboard's session secret: read from `root/session-secret`, or generated and written there
 * (mode 0600, readable by this user only) on the first start. A stable secret keeps the signed
 * session cookies of a restarted sandbox valid.
 */
export async function sandboxSessionSecret(root: string): Promise<string> {
  const file = path.join(root, SECRET_FILE);
  await fs.mkdir(root, { recursive: true, mode: 0o700 });
  const existing = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing && existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString('hex');
  // Written aside and renamed, so a kill cannot leave a half-written secret behind.
  const temporary = `${file}.tmp`;
  await fs.writeFile(temporary, `${secret}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
  return secret;
}

const PORT_FILE = 'discord-port';

/**
 * The port the emulator had last time, so the Discord view's bookmarked URL and the attachment
 * URLs inside saved messages stay valid across restarts (undefined: none saved).
 */
export async function rememberedEmulatorPort(root: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(root, PORT_FILE), 'utf8').catch(() => '');
  const port = Number(text.trim());
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

export async function rememberEmulatorPort(root: string, port: number): Promise<void> {
  await fs.writeFile(path.join(root, PORT_FILE), `${port}\n`);
}
