/**
 * Argument parsing for `npm run db` (kept apart from main.ts so it can be unit-tested without starting a server).
 */

/** Reads the port from argv (`27018` or `--port 27018` / `--port=27018`) or the environment. */
export function parsePort(argv: string[], env: Record<string, string | undefined>): number {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--port') raw = argv[i + 1];
    else if (arg.startsWith('--port=')) raw = arg.slice('--port='.length);
    else if (/^\d+$/.test(arg)) raw = arg;
  }
  // This CLI is a developer tool outside the app, so it reads its one variable directly (not via shared/config).
  raw ??= env['PORT'] ?? '27017';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${raw}`);
  return port;
}
