/**
 * `npm run db`: runs the embedded MongoDB-compatible store for tests and the sandbox as a standalone process,
 * so mongosh, Compass or the app can point at it. Port: first argument, `--port N`, or the PORT variable
 * (default 27017). Data lives in memory and is gone when the process stops (Ctrl-C / SIGTERM).
 */
import { createLogger } from '../../shared/logger.js';
import { startEmbeddedStore } from './index.js';

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

async function main(): Promise<void> {
  const logger = createLogger('info', 'embedded-store');
  const port = parsePort(process.argv.slice(2), process.env);
  const store = await startEmbeddedStore({ port, logger });
  logger.info({ uri: store.uri }, 'embedded MongoDB-compatible store for tests and the sandbox is listening (in-memory)');
  process.stdout.write(`${store.uri}\n`);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'stopping the embedded store');
    void store.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded store failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
