/**
 * Root hooks for the whole mocha run: one database per test run.
 * With MONGODB_URI set, the suite runs against that real MongoDB; otherwise it starts the
 * embedded MongoDB-compatible store once and shares its URI through `testDatabaseUri()`.
 */
import { loadConfig } from '../../shared/config.js';
import { startEmbeddedStore } from '../../sandbox/store/index.js';
import { setTestDatabaseUri } from './database.js';
import { setStrictTranslations } from '../../shared/i18n/index.js';

let stop: (() => Promise<void>) | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  setStrictTranslations(true);
  const { mongoUri } = loadConfig({ ...process.env, DISCORD_TOKEN: undefined });
  if (mongoUri) {
    setTestDatabaseUri(mongoUri);
    return;
  }
  const store = await startEmbeddedStore({ port: 0, ttlSweepMs: 1000 });
  setTestDatabaseUri(store.uri);
  stop = () => store.stop();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stop?.();
}
