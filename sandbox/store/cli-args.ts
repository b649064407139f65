/**
 * Argument parsing for `npm run db` (kept apart from main.ts so it can be unit-tested without starting a server).
 */

export interface StoreArgs {
  port: number;
  /** `--data-dir PATH`: keep the data on disk across restarts. */
  dataDir?: string;
  /** `--reset`: with a data directory, start empty. */
  reset: boolean;
  /** `--compact-after-bytes N`: journal size that triggers compaction (tuning and tests). */
  compactAfterBytes?: number;
}

export const USAGE =
  'usage: npm run db -- [PORT | --port N] [--data-dir PATH [--reset] [--compact-after-bytes N]]';

function valueOf(argv: string[], i: number, flag: string): [string, number] {
  const arg = argv[i]!;
  if (arg.startsWith(`${flag}=`)) return [arg.slice(flag.length + 1), i];
  const next = argv[i + 1];
  if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value; ${USAGE}`);
  return [next, i + 1];
}

function integer(raw: string, what: string, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n > max) throw new Error(`invalid ${what}: ${raw}`);
  return n;
}

/**
 * Reads the store's options from argv and the environment. An unknown flag is an error, so a misspelt
 * `--data-dir` can never silently start a store that forgets everything.
 */
export function parseStoreArgs(argv: string[], env: Record<string, string | undefined>): StoreArgs {
  let rawPort: string | undefined;
  const args: Omit<StoreArgs, 'port'> = { reset: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = arg.split('=')[0]!;
    if (flag === '--port') [rawPort, i] = valueOf(argv, i, flag);
    else if (flag === '--data-dir') [args.dataDir, i] = valueOf(argv, i, flag);
    else if (arg === '--reset') args.reset = true;
    else if (flag === '--compact-after-bytes') {
      let raw: string;
      [raw, i] = valueOf(argv, i, flag);
      args.compactAfterBytes = integer(raw, '--compact-after-bytes', Number.MAX_SAFE_INTEGER);
    } else if (/^\d+$/.test(arg)) rawPort = arg;
    else throw new Error(`unknown argument '${arg}'; ${USAGE}`);
  }
  if (args.reset && args.dataDir === undefined) throw new Error(`--reset needs --data-dir; ${USAGE}`);
  // This CLI is a developer tool outside the app, so it reads its one variable directly (not via shared/config).
  rawPort ??= env['PORT'] ?? '27017';
  return { port: integer(rawPort, 'port', 65535), ...args };
}

/** Reads the port from argv (`27018` or `--port 27018` / `--port=27018`) or the environment. */
export function parsePort(argv: string[], env: Record<string, string | undefined>): number {
  return parseStoreArgs(argv, env).port;
}
