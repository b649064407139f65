/**
 * The dashboard's answers to malformed requests and to stale logins (issue 8 §5), through the
 * Discord emulator and the MongoDB session store: 400s instead of 500s, error pages that
 * render before the language is known, no session for anonymous pages, no-store for
 * signed-in pages.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { pino } from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { GuildSettings } from '../../../shared/kernel/guild-settings.model.js';
import { SESSION_COLLECTION } from '../../../web/middleware/session.js';
import { useMongoose } from '../../support/database.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { dashboardApp } from '../../support/web/dashboard-app.js';
import { loginThroughEmulator } from '../../support/web/emulator-login.js';
import { startLogin } from '../../support/web/browser.js';

const BAD_PATHS = ['/guilds/%E0%A4%A', '/guilds/%ZZ', '/%', '/guilds/123456789012345678/members%'];

/** Sends `raw` (a whole HTTP/1.1 request) to `app` and returns the status line's code. */
async function rawStatus(app: Express, raw: string): Promise<number> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(raw));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('dashboard web faults', () => {
  useMongoose('web_faults');
  let world: DashboardWorld;
  let lines: string[];
  let app: Express;
  before(async () => {
    world = await startDashboardWorld();
  });
  beforeEach(async () => {
    await GuildSettings.create({ guildId: world.guildA, roles: { organiser: world.organiserRoleA } });
    lines = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    app = dashboardApp(world, { logger });
  });
  after(async () => {
    await world.emu.stop();
  });

  const sessions = () => mongoose.connection.db!.collection(SESSION_COLLECTION);
  const errorsLogged = () => lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

  async function signedIn() {
    const agent = request.agent(app);
    expect((await loginThroughEmulator(agent, world.people.manager)).status).to.equal(303);
    return agent;
  }

  describe('bad percent-encoding in a path', () => {
    for (const path of BAD_PATHS) {
      it(`answers ${path} with 400 for an anonymous visitor`, async () => {
        const res = await request(app).get(path).expect(400);
        expect(res.text).to.include('data-testid="error-message"');
      });
      it(`answers ${path} with 400 for a signed-in organiser`, async () => {
        const agent = await signedIn();
        await agent.get(path).expect(400);
      });
    }

    it('logs no server error for them', async () => {
      for (const path of BAD_PATHS) await request(app).get(path).expect(400);
      expect(errorsLogged()).to.deep.equal([]);
    });
  });

  describe('the asterisk-form request target', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      it(`answers ${method} * with 400 and no server error`, async () => {
        const status = await rawStatus(
          app,
          `${method} * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
        );
        expect(status).to.equal(400);
        expect(errorsLogged()).to.deep.equal([]);
      });
    }

    it('still serves the absolute form (GET http://host/path), which servers must accept', async () => {
      const status = await rawStatus(
        app,
        'GET http://127.0.0.1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      );
      expect(status).to.equal(200);
    });

    it('answers http.request with path "*" with 400', async () => {
      const server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'OPTIONS', path: '*' }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end();
      });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      expect(status).to.equal(400);
    });
  });

  describe('/auth/callback with a valid state but a code Discord refuses', () => {
    it('answers a bogus code with a 400 "log in again" page in the visitor language, logging no error', async () => {
      const agent = request.agent(app);
      const consent = await startLogin(agent);
      const state = consent.searchParams.get('state')!;
      const res = await agent
        .get(`/auth/callback?code=not-a-code&state=${encodeURIComponent(state)}`)
        .set('Accept-Language', 'en')
        .expect(400);
      expect(res.text).to.include('Please log in again.');
      expect(res.text).to.include('data-testid="login-discord"');
      expect(errorsLogged()).to.deep.equal([]);
    });

    it('answers a code that was already used with the same page, in Japanese by default', async () => {
      const first = request.agent(app);
      const consent = await startLogin(first);
      consent.searchParams.set('login_as', world.people.manager);
      const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
      const code = back.searchParams.get('code')!;
      await first.get(back.pathname + back.search).expect(303);
      // Back in the browser, or a second tab: a fresh state, the old code.
      const second = request.agent(app);
      const state = (await startLogin(second)).searchParams.get('state')!;
      const res = await second
        .get(`/auth/callback?code=${code}&state=${encodeURIComponent(state)}`)
        .expect(400);
      expect(res.text).to.include('もう一度ログインしてください');
      expect(errorsLogged()).to.deep.equal([]);
    });
  });

  describe('errors before the language is known', () => {
    it('renders the error page of a malformed JSON body', async () => {
      const res = await request(app)
        .post('/locale')
        .set('Content-Type', 'application/json')
        .set('Accept', 'text/html')
        .send('{"lang":')
        .expect(400);
      expect(res.text).to.include('<html lang="ja">');
      expect(res.text).to.include('data-testid="error-message"');
      expect(res.text).to.not.include('is not defined');
    });

    it('renders the error page of a body over the limit (413) and of an unsupported charset (415)', async () => {
      const big = await request(app)
        .post('/logout')
        .type('form')
        .set('Accept-Language', 'en')
        .send(`x=${'a'.repeat(20_000)}`)
        .expect(413);
      expect(big.text).to.include('<html lang="en">');
      expect(big.text).to.include('data-testid="error-message"');
      const charset = await request(app)
        .post('/logout')
        .set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-r')
        .send('x=1')
        .expect(415);
      expect(charset.text).to.include('<html lang="ja">');
      expect(errorsLogged()).to.deep.equal([]);
    });
  });

  describe('anonymous pages and sessions', () => {
    it('stores no session for 40 cookieless requests to rendered pages', async () => {
      const paths = [
        '/login',
        '/no-such-page',
        `/guilds/${world.guildA}`,
        `/guilds/${world.guildA}/members`,
        '/',
        '/guilds/%ZZ',
        '/guilds',
      ];
      for (let i = 0; i < 40; i++) await request(app).get(paths[i % paths.length]!);
      expect(await sessions().countDocuments({})).to.equal(0);
    });

    it('switches the language without a session, and keeps it across pages', async () => {
      const agent = request.agent(app);
      const login = await agent.get('/login').set('Accept-Language', 'ja').expect(200);
      expect(login.text).to.include('action="/locale"');
      const res = await agent.get('/locale?lang=en&returnTo=%2Flogin').expect(303);
      expect(res.headers.location).to.equal('/login');
      const after = await agent.get('/login').set('Accept-Language', 'ja').expect(200);
      expect(after.text).to.include('Log in with Discord');
      expect(await sessions().countDocuments({})).to.equal(0);
    });

    it('refuses an unknown language and an off-site return address', async () => {
      await request(app).get('/locale?lang=fr').expect(400);
      const res = await request(app).get('/locale?lang=en&returnTo=%2F%2Fevil.example').expect(303);
      expect(res.headers.location).to.equal('/');
    });

    it('still brings a visitor back to the guild page they asked for after login', async () => {
      const agent = request.agent(app);
      await agent.get(`/guilds/${world.guildA}/members`).expect(303);
      const res = await loginThroughEmulator(agent, world.people.manager);
      expect(res.headers.location).to.equal(`/guilds/${world.guildA}/members`);
    });
  });

  describe('caching of signed-in pages', () => {
    it('sends Cache-Control: no-store on every signed-in page, and lets the login page be', async () => {
      const agent = await signedIn();
      for (const path of [
        '/guilds',
        `/guilds/${world.guildA}`,
        `/guilds/${world.guildA}/insights/directory`,
      ]) {
        const res = await agent.get(path).expect(200);
        expect(res.headers['cache-control'], path).to.equal('no-store');
      }
      const anonymous = await request(app).get('/login').expect(200);
      expect(anonymous.headers['cache-control']).to.equal(undefined);
    });
  });
});
