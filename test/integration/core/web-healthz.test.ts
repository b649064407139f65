import { expect } from 'chai';
import session from 'express-session';
import { MongoClient } from 'mongodb';
import request from 'supertest';
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
