/**
 * Embedded MongoDB-compatible store for tests and the sandbox (placeholder while the wire server is built).
 */
import net from 'node:net';
import type { Logger } from '../../shared/logger.js';

export interface EmbeddedStoreOptions {
  port?: number;
  host?: string;
  ttlSweepMs?: number;
  logger?: Logger;
}

export interface EmbeddedStore {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the embedded MongoDB-compatible store and resolves once it listens. */
export async function startEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const host = options.host ?? '127.0.0.1';
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    uri: `mongodb://${host}:${address.port}`,
    port: address.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
