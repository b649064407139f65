import { Router } from 'express';
import type { MongoClient } from 'mongodb';

/**
 * GET /healthz for load balancers and the sandbox: 200 when the database answers a ping,
 * 503 otherwise. No session, no auth, no personal data.
 */
export function healthzRoutes(options: {
  client: MongoClient;
  dbName?: string;
  startedAt: number;
  now: () => number;
}): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const started = options.now();
    let db: { ok: boolean; latencyMs?: number; error?: string };
    try {
      await options.client.db(options.dbName).command({ ping: 1 }, { timeoutMS: 2000 });
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
