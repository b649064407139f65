/**
 * The "where to go after login" cookie through the real dashboard app (supertest): Secure
 * whenever the dashboard is served over https (PUBLIC_URL), also behind a TLS proxy where the
 * request itself arrives as plain http, and cleared with the attributes it was set with.
 */
import { expect } from 'chai';
import session from 'express-session';
import express from 'express';
import cookieParser from 'cookie-parser';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { silentLogger } from '../../../shared/logger.js';
import { createApp } from '../../../web/app.js';
import { RETURN_TO_COOKIE, takeReturnTo } from '../../../web/auth/return-to.js';
import { fakeDirectory, fakeDiscord, fakeOAuth } from '../../support/web/fakes.js';

function dashboard(publicUrl: string) {
  const fake = fakeDiscord();
  return createApp({
    config: {
      sessionSecret: 'k3J9x-Qm2pLw8ZrT5vYc1NbH7dGf4sAe',
      publicUrl,
      discord: { clientId: '1', clientSecret: 's', apiBase: 'http://discord.test/api', botToken: 't' },
    },
    logger: silentLogger(),
    mongo: { client: new MongoClient('mongodb://127.0.0.1:9', { serverSelectionTimeoutMS: 200 }) },
    sessionStore: new session.MemoryStore(),
    directory: fakeDirectory(fake),
    oauth: fakeOAuth(fake),
  });
}

const returnCookie = (res: request.Response) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | string | undefined) ?? [])
    .find((c) => c.startsWith(`${RETURN_TO_COOKIE}=`));

describe('web: the return-to cookie (dashboard app through supertest)', () => {
  it('GIVEN an https public URL behind a TLS proxy (plain http inside) THEN the cookie is Secure', async () => {
    const res = await request(dashboard('https://dashboard.example')).get('/guilds/123').expect(303);
    expect(res.headers.location).to.equal('/login');
    const cookie = returnCookie(res);
    expect(cookie).to.include('HttpOnly').and.include('SameSite=Lax').and.include('Path=/');
    expect(cookie).to.match(/;\s*Secure/i);
  });

  it('GIVEN a plain http public URL THEN the cookie is not marked Secure (the browser would drop it)', async () => {
    const res = await request(dashboard('http://127.0.0.1:3999')).get('/guilds/123').expect(303);
    const cookie = returnCookie(res);
    expect(cookie).to.include(`${RETURN_TO_COOKIE}=%2Fguilds%2F123`);
    expect(cookie).to.not.match(/;\s*Secure/i);
  });

  it('GIVEN the remembered page is taken THEN the cookie is cleared with the same attributes', async () => {
    const app = express()
      .use(cookieParser())
      .use((req, _res, next) => {
        (req as unknown as { session: unknown }).session = { cookie: { secure: true } };
        next();
      })
      .get('/take', (req, res) => {
        res.send(takeReturnTo(req, res));
      });
    const res = await request(app)
      .get('/take')
      .set('Cookie', `${RETURN_TO_COOKIE}=%2Fguilds%2F42`)
      .expect(200);
    expect(res.text).to.equal('/guilds/42');
    const cleared = returnCookie(res);
    expect(cleared).to.include('Expires=Thu, 01 Jan 1970');
    expect(cleared).to.include('HttpOnly').and.include('SameSite=Lax').and.include('Path=/');
    expect(cleared).to.match(/;\s*Secure/i);
  });
});
