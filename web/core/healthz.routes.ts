import { Router } from 'express';
import type { MongoClient } from 'mongodb';

/** How long /healthz waits for the database's answer (a load balancer's probe waits ~1–2 s). */
export const HEALTHZ_PING_TIMEOUT_MS = 800;

/**
 * GET /healthz for load balancers and the sandbox: 200 when the database answers a ping,
 * 503 otherwise. No session, no auth, no personal data. The ping is bounded by our own timer:
 * the driver's `timeoutMS` does not cut server selection short (measured: ~10 s with the
 * database down), and a probe must get its answer within a second.
 */
export function healthzRoutes(options: {
  client: MongoClient;
  dbName?: string;
  startedAt: number;
  now: () => number;
  /** Default HEALTHZ_PING_TIMEOUT_MS. */
  pingTimeoutMs?: number;
}): Router {
  const router = Router();
  const timeoutMs = options.pingTimeoutMs ?? HEALTHZ_PING_TIMEOUT_MS;
  router.get('/healthz', async (_req, res) => {
    const started = options.now();
    let db: { ok: boolean; latencyMs?: number; error?: string };
    try {
      await withTimeout(
        options.client.db(options.dbName).command({ ping: 1 }, { timeoutMS: timeoutMs }),
        timeoutMs,
      );
      db = { ok: true, latencyMs: options.now() - started };
    } catch (error) {
      db = { ok: false, error: error instanceof Error ? error.name : 'error' };
    }
    res
      .status(db.ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({
        status: db.ok ? 'ok' : 'degraded',
        db,
        uptimeSeconds: Math.round((options.now() - options.startedAt) / 1000),
      });
  });
  return router;
}

class PingTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'PingTimeoutError';
  }
}

/** `promise`, or a PingTimeoutError after `ms` (the late answer is ignored). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new PingTimeoutError(ms)), ms);
    timer.unref();
  });
  promise.catch(() => {}); // a late failure after the timeout must not go unhandled
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
