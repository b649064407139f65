/**
 * Embedded MongoDB-compatible store for tests and the sandbox. It is NOT MongoDB: it speaks enough of the wire
 * protocol for the `mongodb` driver, mongoose, agenda and connect-mongo, keeps everything in memory (and, with
 * `dataDir`, on disk too), and refuses (with an `ok: 0` error) what it does not implement. Production always
 * uses a real MongoDB via MONGODB_URI.
 */
import { silentLogger, type Logger } from '../../shared/logger.js';
import { runStore } from './store.js';

export interface EmbeddedStoreOptions {
  /** TCP port; 0 (default) picks a free ephemeral port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Period of the TTL sweep in ms; default 60 000 like mongod's TTL monitor. */
  ttlSweepMs?: number;
  /**
   * Directory that keeps every database, collection, document and index across restarts (created if missing).
   * Unset (default): memory only. A reply is sent only once the writes before it are on disk.
   */
  dataDir?: string;
  /** With `dataDir`: start empty, deleting the store's own files in it first (other files are left alone). */
  reset?: boolean;
  /** With `dataDir`: compact the journal into a snapshot once it exceeds this many bytes; default 32 MiB. */
  compactAfterBytes?: number;
  logger?: Logger;
}

export interface EmbeddedStore {
  /** `mongodb://host:port` for the driver, mongoose or agenda. */
  uri: string;
  port: number;
  /**
   * Closes the listener and every client connection. Without `dataDir` all data is discarded; with it,
   * everything is on disk when this resolves and the directory's lock is released.
   */
  stop(): Promise<void>;
}

/**
 * Starts the embedded MongoDB-compatible store and resolves once it listens (after loading `dataDir`, if
 * given). Rejects when the data directory is locked by another live store or its files are damaged beyond a
 * torn last record.
 */
export async function startEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const host = options.host ?? '127.0.0.1';
  const running = await runStore({
    port: options.port ?? 0,
    host,
    ttlSweepMs: options.ttlSweepMs ?? 60_000,
    logger: options.logger ?? silentLogger(),
    persistence:
      options.dataDir === undefined
        ? undefined
        : {
            dataDir: options.dataDir,
            reset: options.reset ?? false,
            compactAfterBytes: options.compactAfterBytes ?? 32 * 1024 * 1024,
          },
  });
  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://${host}:${running.port}`,
    port: running.port,
    stop: () => (stopped ??= running.close()),
  };
}
