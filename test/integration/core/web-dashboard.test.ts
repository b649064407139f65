/**
 * The dashboard end to end over HTTP: Discord OAuth2 and member lookups through the Discord
 * emulator, sessions in the MongoDB session store on the embedded store (or MONGODB_URI).
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import request from 'supertest';
import { getGuildHealth, recordGuildHealth } from '../../../shared/health/index.js';
import { GuildSettings } from '../../../shared/kernel/guild-settings.model.js';
import { useMongoose } from '../../support/database.js';
import type { WebConfig } from '../../../web/app.js';
import { SESSION_COLLECTION } from '../../../web/middleware/session.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { dashboardApp, dashboardConfig } from '../../support/web/dashboard-app.js';
import { loginThroughEmulator } from '../../support/web/emulator-login.js';
import { csrfFrom, setCookies } from '../../support/web/browser.js';

describe('dashboard through the Discord emulator and the MongoDB session store', () => {
  useMongoose('web');
  let world: DashboardWorld;
  before(async () => {
    world = await startDashboardWorld();
  });
  beforeEach(async () => {
    // Guild A names its organiser role in its settings; guild B has no settings at all.
    await GuildSettings.create({ guildId: world.guildA, roles: { organiser: world.organiserRoleA } });
  });
  after(async () => {
    await world.emu.stop();
  });

  /** The dashboard with the real health lookup: the overview tests record the bot's checks. */
  function app(config: Partial<WebConfig> = {}) {
    return dashboardApp(world, { config: dashboardConfig(world, config), healthLookup: getGuildHealth });
  }

  const sessions = () => mongoose.connection.db!.collection(SESSION_COLLECTION);

  async function signedIn(userId: string, web = app()) {
    const agent = request.agent(web);
    await loginThroughEmulator(agent, userId).then((res) => expect(res.status).to.equal(303));
    return agent;
  }

  describe('login', () => {
    it('logs in through OAuth2 and stores the session in MongoDB', async () => {
      const agent = request.agent(app());
      const res = await loginThroughEmulator(agent, world.people.manager);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/guilds');
      const stored = await sessions().find({}).toArray();
      expect(stored.map((s) => (s.session as { user?: { id: string } }).user?.id)).to.include(
        world.people.manager,
      );
      const picker = await agent.get('/guilds').expect(200);
      expect(picker.text).to.include('Acme アルムナイ');
      expect(picker.text).to.not.include('Beta Alumni');
    });

    it('returns to the page that asked for login', async () => {
      const agent = request.agent(app());
      await agent.get(`/guilds/${world.guildA}`).expect(303);
      const res = await loginThroughEmulator(agent, world.people.manager);
      expect(res.headers.location).to.equal(`/guilds/${world.guildA}`);
    });

    it('gives the session a new id at login (no session fixation)', async () => {
      const agent = request.agent(app());
      const before = await agent.get('/auth/discord').expect(303);
      const anonymousCookie = setCookies(before.headers).get('tsunagu.sid');
      expect(anonymousCookie).to.be.a('string');
      const res = await loginThroughEmulator(agent, world.people.manager);
      const loggedInCookie = setCookies(res.headers).get('tsunagu.sid');
      expect(loggedInCookie).to.be.a('string');
      expect(loggedInCookie!.split(';')[0]).to.not.equal(anonymousCookie!.split(';')[0]);
    });

    it('refuses a callback whose state does not match the session with a localized 400 page', async () => {
      const agent = request.agent(app());
      await agent.get('/auth/discord').expect(303);
      const res = await agent
        .get('/auth/callback?code=abc&state=forged')
        .set('Accept-Language', 'en')
        .expect(400);
      expect(res.text).to.include('The login could not be verified');
      const ja = await request(app()).get('/auth/callback?code=abc&state=forged').expect(400);
      expect(ja.text).to.include('ログインを確認できませんでした');
    });

    it('refuses a replayed callback even with the right state', async () => {
      const agent = request.agent(app());
      const consent = new URL((await agent.get('/auth/discord').expect(303)).headers.location as string);
      consent.searchParams.set('login_as', world.people.manager);
      const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
      await agent.get(back.pathname + back.search).expect(303);
      await agent.get(back.pathname + back.search).expect(400);
    });

    it('shows the login page again when the user cancels on Discord', async () => {
      const agent = request.agent(app());
      const consent = new URL((await agent.get('/auth/discord').expect(303)).headers.location as string);
      consent.searchParams.set('deny', '1');
      const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
      const res = await agent
        .get(back.pathname + back.search)
        .set('Accept-Language', 'en')
        .expect(200);
      expect(res.text).to.include('Login was cancelled on Discord');
    });
  });

  describe('authorization on every /guilds/:guildId request', () => {
    it('sends an anonymous browser to the login page', async () => {
      const res = await request(app()).get(`/guilds/${world.guildA}`).expect(303);
      expect(res.headers.location).to.equal('/login');
    });

    it('refuses a member without Manage Guild or the organiser role with 403', async () => {
      const agent = await signedIn(world.people.member);
      await agent.get(`/guilds/${world.guildA}`).expect(403);
    });

    it('refuses a user who is not in the guild with 403', async () => {
      const agent = await signedIn(world.people.outsider);
      await agent.get(`/guilds/${world.guildA}`).expect(403);
    });

    it('lets a Manage Guild holder see the overview', async () => {
      const agent = await signedIn(world.people.manager);
      const res = await agent.get(`/guilds/${world.guildA}`).expect(200);
      expect(res.text).to.include('Acme アルムナイ');
    });

    it('lets the guild owner see the overview', async () => {
      const agent = await signedIn(world.people.owner);
      await agent.get(`/guilds/${world.guildA}`).expect(200);
    });

    it('lets the configured organiser role in on guild A and refuses it on guild B', async () => {
      const agent = await signedIn(world.people.moderator);
      await agent.get(`/guilds/${world.guildA}`).expect(200);
      await agent.get(`/guilds/${world.guildB}`).expect(403);
    });

    it('answers JSON clients with 401 and 403 instead of pages', async () => {
      const anonymous = await request(app()).get(`/guilds/${world.guildA}`).set('Accept', 'application/json');
      expect(anonymous.status).to.equal(401);
      const agent = await signedIn(world.people.member);
      const refused = await agent
        .get(`/guilds/${world.guildA}`)
        .set('Accept', 'application/json')
        .expect(403);
      expect(refused.body.error.code).to.equal('web.error.guildForbidden');
    });
  });

  describe('overview', () => {
    it('shows the member count and the problems the bot recorded at start-up', async () => {
      await recordGuildHealth(world.guildA, [{ kind: 'missing-permission', subject: 'ManageRoles' }]);
      const agent = await signedIn(world.people.manager);
      const res = await agent.get(`/guilds/${world.guildA}`).set('Accept-Language', 'en').expect(200);
      expect(res.text).to.match(/data-testid="connect-joined">\d+</);
      expect(res.text).to.include('Missing permission: ManageRoles');
      const json = await agent.get(`/guilds/${world.guildA}`).set('Accept', 'application/json').expect(200);
      expect(json.body).to.include({ guildId: world.guildA, healthy: false });
      // THE member count (people on Discord now, bots not counted) is the Connect card's.
      expect(Number(json.body.connect.joined)).to.be.greaterThan(5);
    });

    it('says so when the bot has not reported yet', async () => {
      const agent = await signedIn(world.people.manager);
      const res = await agent.get(`/guilds/${world.guildA}`).set('Accept-Language', 'ja').expect(200);
      expect(res.text).to.include('Bot はまだ起動時チェックの結果を報告していません');
    });
  });

  describe('CSRF, cookies and headers', () => {
    it('refuses a POST without the CSRF token with a 403 page and keeps the session', async () => {
      const agent = await signedIn(world.people.manager);
      await agent.post('/logout').type('form').send({}).expect(403);
      expect(await sessions().countDocuments()).to.equal(1);
    });

    it('logs out with the token: the session is gone from MongoDB and the cookie no longer works', async () => {
      const agent = await signedIn(world.people.manager);
      const page = await agent.get(`/guilds/${world.guildA}`).expect(200);
      const res = await agent
        .post('/logout')
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
        .expect(303);
      expect(res.headers.location).to.equal('/login');
      expect(await sessions().countDocuments({ 'session.user': { $exists: true } })).to.equal(0);
      await agent.get(`/guilds/${world.guildA}`).expect(303);
    });

    it('switches the language with a GET form (no session needed); a POST still needs the CSRF token', async () => {
      const agent = request.agent(app());
      const login = await agent.get('/login').set('Accept-Language', 'ja').expect(200);
      expect(login.text).to.include('Discord でログイン');
      await agent.post('/locale').type('form').send({ lang: 'en', returnTo: '/login' }).expect(403);
      await agent.get('/locale').query({ lang: 'en', returnTo: '/login' }).expect(303);
      const after = await agent.get('/login').set('Accept-Language', 'ja').expect(200);
      expect(after.text).to.include('Log in with Discord');
    });

    it('sets the session cookie httpOnly and SameSite=Lax, not Secure on plain http', async () => {
      const res = await request(app()).get('/auth/discord').expect(303);
      const cookie = setCookies(res.headers).get('tsunagu.sid')!;
      expect(cookie).to.match(/HttpOnly/i);
      expect(cookie).to.match(/SameSite=Lax/i);
      expect(cookie).to.not.match(/;\s*Secure/i);
    });

    it('sets a __Host- Secure session cookie when the public URL is https', async () => {
      const web = app({ publicUrl: 'https://127.0.0.1:3999', trustProxy: 1 });
      const res = await request(web).get('/auth/discord').set('X-Forwarded-Proto', 'https').expect(303);
      const cookie = setCookies(res.headers).get('__Host-tsunagu.sid')!;
      expect(cookie).to.match(/;\s*Secure/i);
      expect(cookie).to.match(/HttpOnly/i);
      expect(res.headers['strict-transport-security']).to.be.a('string');
    });

    it('sends a Content-Security-Policy that allows no inline script', async () => {
      const res = await request(app()).get('/login').expect(200);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).to.include("script-src 'self'");
      expect(csp).to.not.include('unsafe-inline');
      expect(csp).to.not.include('unsafe-eval');
      expect(res.text).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    });

    it('keeps sessions in a collection with a TTL index on their expiry', async () => {
      await request(app()).get('/auth/discord').expect(303);
      const indexes = await sessions().indexes();
      expect(indexes.some((i) => i.key.expires === 1 && i.expireAfterSeconds === 0)).to.equal(true);
    });
  });

  describe('rate limiting and health', () => {
    it('limits the auth routes with a localized 429 and Retry-After', async () => {
      const web = app({ rateLimit: { limit: 2, windowMs: 60_000 } });
      await request(web).get('/login').expect(200);
      await request(web).get('/login').expect(200);
      const res = await request(web).get('/login').set('Accept-Language', 'en').expect(429);
      expect(res.text).to.include('Too many requests');
      expect(Number(res.headers['retry-after'])).to.be.greaterThan(0);
    });

    it('reports status, database ping and uptime on /healthz without a session', async () => {
      const res = await request(app()).get('/healthz').expect(200);
      expect(res.body.status).to.equal('ok');
      expect(res.body.db.ok).to.equal(true);
      expect(res.body.uptimeSeconds).to.be.a('number');
      expect(res.headers['set-cookie']).to.equal(undefined);
    });

    it('answers 404 with a localized page', async () => {
      const res = await request(app()).get('/nowhere').set('Accept-Language', 'en').expect(404);
      expect(res.text).to.include('This page does not exist.');
    });
  });
});
