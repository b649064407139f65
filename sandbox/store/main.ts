/**
 * `npm run db`: runs the embedded MongoDB-compatible store for tests and the sandbox as a standalone process,
 * so mongosh, Compass or the app can point at it. Port: first argument, `--port N`, or the PORT variable
 * (default 27017). Without `--data-dir` data lives in memory and is gone when the process stops; with
 * `--data-dir PATH` it is kept there (`--reset` starts empty). Prints the URI on stdout once it listens.
 */
import { createLogger } from '../../shared/logger.js';
import { parseStoreArgs } from './cli-args.js';
import { startEmbeddedStore } from './index.js';

async function main(): Promise<void> {
  const logger = createLogger('info', 'embedded-store');
  const args = parseStoreArgs(process.argv.slice(2), process.env);
  const store = await startEmbeddedStore({ ...args, logger });
  logger.info(
    { uri: store.uri, dataDir: args.dataDir ?? null },
    `embedded MongoDB-compatible store for tests and the sandbox is listening (${
      args.dataDir ? `data kept in ${args.dataDir}` : 'in-memory'
    })`,
  );
  process.stdout.write(`${store.uri}\n`);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'stopping the embedded store');
    void store.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `embedded store failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
