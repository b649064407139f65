/**
 * `npm run db`: runs the embedded MongoDB-compatible store for tests and the sandbox as a standalone process,
 * so mongosh, Compass or the app can point at it. Port: first argument, `--port N`, or the PORT variable
 * (default 27017). Data lives in memory and is gone when the process stops (Ctrl-C / SIGTERM).
 */
import { createLogger } from '../../shared/logger.js';
import { parsePort } from './cli-args.js';
import { startEmbeddedStore } from './index.js';

async function main(): Promise<void> {
  const logger = createLogger('info', 'embedded-store');
  const port = parsePort(process.argv.slice(2), process.env);
  const store = await startEmbeddedStore({ port, logger });
  logger.info(
    { uri: store.uri },
    'embedded MongoDB-compatible store for tests and the sandbox is listening (in-memory)',
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
