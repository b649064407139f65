import { expect } from 'chai';
import session from 'express-session';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import express from 'express';
import { HEALTHZ_PING_TIMEOUT_MS, healthzRoutes } from '../../../web/core/healthz.routes.js';
import { silentLogger } from '../../../shared/logger.js';
import { createApp } from '../../../web/app.js';
import { fakeDirectory, fakeDiscord, fakeOAuth } from '../../support/web/fakes.js';

describe('/healthz when the database is unreachable', () => {
  let client: MongoClient;
  before(() => {
    // Nothing listens on port 9 (discard): every ping fails fast.
    client = new MongoClient('mongodb://127.0.0.1:9', { serverSelectionTimeoutMS: 300 });
  });
  after(async () => {
    await client.close();
  });

  it('answers 503 with status degraded', async () => {
    const fake = fakeDiscord();
    const app = createApp({
      config: {
        sessionSecret: 'x'.repeat(40),
        publicUrl: 'http://dashboard.test',
        discord: { clientId: '1', clientSecret: 's', apiBase: 'http://discord.test/api', botToken: 't' },
      },
      logger: silentLogger(),
      mongo: { client },
      sessionStore: new session.MemoryStore(),
      directory: fakeDirectory(fake),
      oauth: fakeOAuth(fake),
    });
    const res = await request(app).get('/healthz').expect(503);
    expect(res.body).to.include({ status: 'degraded' });
    expect(res.body.db.ok).to.equal(false);
  });
});

describe('/healthz bounds its database ping', () => {
  it('GIVEN a client that waits the driver default (30 s) for a stopped store THEN still answers 503', async () => {
    // No serverSelectionTimeoutMS: unbounded, the ping would outlast the test's own timeout.
    const client = new MongoClient('mongodb://127.0.0.1:9');
    try {
      const app = express().use(healthzRoutes({ client, startedAt: 0, now: Date.now }));
      const res = await request(app).get('/healthz').expect(503);
      expect(res.body.db).to.include({ ok: false });
    } finally {
      await client.close();
    }
  });

  it('GIVEN a ping that never answers THEN answers 503, having given the ping a timeout option', async () => {
    const seen: unknown[] = [];
    const client = {
      db: () => ({
        command: (_command: unknown, options: unknown) => {
          seen.push(options);
          return new Promise(() => {});
        },
      }),
    } as unknown as MongoClient;
    const app = express().use(healthzRoutes({ client, startedAt: 0, now: Date.now, pingTimeoutMs: 20 }));
    const res = await request(app).get('/healthz').expect(503);
    expect(res.body).to.deep.include({ status: 'degraded', db: { ok: false, error: 'PingTimeoutError' } });
    expect(seen).to.deep.equal([{ timeoutMS: 20 }]);
    expect(HEALTHZ_PING_TIMEOUT_MS).to.be.at.most(1000);
  });
});
