import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  /** Stops accepting connections, lets requests in flight finish (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `port` (0 = any free port); used by web/main.ts and the sandbox entry. Pass a
 * factory instead of an app when the app needs its own URL (e.g. the OAuth2 redirect URI on a
 * port picked at random): it is called with the URL once the port is known.
 */
export async function listen(
  app: Express | ((url: string) => Express),
  port: number,
  host = '0.0.0.0',
): Promise<RunningServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost}:${address.port}`;
  server.on('request', typeof app === 'function' && !('listen' in app) ? app(url) : (app as Express));
  return {
    server,
    url,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        // Keep-alive sockets with no request would otherwise hold close() open.
        server.closeIdleConnections();
      }),
  };
}
