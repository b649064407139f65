/**
 * The dashboard's authorization rules through HTTP, with Discord replaced by in-memory fakes
 * and sessions in memory: fast and exhaustive. dashboard.test.ts runs the same flow through
 * the Discord emulator and the MongoDB session store.
 */
import { expect } from 'chai';
import session from 'express-session';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { createApp } from '../../../web/app.js';
import { silentLogger } from '../../../shared/logger.js';
import { createGuildAccess } from '../../../web/core/guild-access.service.js';
import {
  emptyGuildReads,
  fakeDirectory,
  fakeDiscord,
  fakeOAuth,
  type FakeDiscord,
} from '../../support/web/fakes.js';
import { csrfFrom, startLogin } from '../../support/web/browser.js';

const GUILD_A = '100000000000000001';
const GUILD_B = '100000000000000002';
const MANAGER = '200000000000000001';
const MOD_A = '200000000000000002';
const MEMBER = '200000000000000003';
const OWNER = '200000000000000009';
const MOD_ROLE_A = '300000000000000001';
const MANAGE_ROLE = '300000000000000002';

function world(): FakeDiscord {
  const fake = fakeDiscord();
  for (const id of [GUILD_A, GUILD_B]) {
    fake.guilds.set(id, {
      id,
      name: id === GUILD_A ? 'Acme アルムナイ' : 'Other <b>guild</b>',
      icon: null,
      ownerId: OWNER,
      approximateMemberCount: 150,
      roles: [
        { id, permissions: '0' },
        { id: MOD_ROLE_A, permissions: '0' },
        { id: MANAGE_ROLE, permissions: String(0x20) },
      ],
    });
    fake.botGuildIds.add(id);
  }
  for (const [id, name] of [
    [MANAGER, 'manager'],
    [MOD_A, 'mod-a'],
    [MEMBER, 'member'],
  ] as const) {
    fake.users.set(id, { id, username: name, globalName: null, avatar: null });
  }
  fake.members.set(`${GUILD_A}:${MANAGER}`, { userId: MANAGER, roleIds: [MANAGE_ROLE] });
  fake.members.set(`${GUILD_A}:${MOD_A}`, { userId: MOD_A, roleIds: [MOD_ROLE_A] });
  fake.members.set(`${GUILD_B}:${MOD_A}`, { userId: MOD_A, roleIds: [MOD_ROLE_A] });
  fake.members.set(`${GUILD_A}:${MEMBER}`, { userId: MEMBER, roleIds: [] });
  return fake;
}

function buildApp(fake: FakeDiscord, now: () => number = Date.now) {
  const directory = fakeDirectory(fake);
  // Only guild A configures MOD_ROLE_A as its moderator role; guild B has no settings.
  const staffRoles = async (guildId: string) => (guildId === GUILD_A ? [MOD_ROLE_A] : []);
  return createApp({
    config: {
      sessionSecret: 'x'.repeat(40),
      publicUrl: 'http://dashboard.test',
      discord: { clientId: '1', clientSecret: 's', apiBase: 'http://discord.test/api', botToken: 't' },
    },
    logger: silentLogger(),
    mongo: { client: new MongoClient('mongodb://127.0.0.1:9') },
    sessionStore: new session.MemoryStore(),
    directory,
    guildAccess: createGuildAccess({ directory, staffRoles, now }),
    now,
    oauth: fakeOAuth(fake),
    healthLookup: async () => ({}),
    reads: emptyGuildReads(),
  });
}

async function loggedIn(app: ReturnType<typeof buildApp>, userId: string) {
  const agent = request.agent(app);
  const consent = await startLogin(agent);
  await agent.get(`/auth/callback?code=${userId}&state=${consent.searchParams.get('state')}`).expect(303);
  return agent;
}

describe('dashboard authorization matrix (fake Discord)', () => {
  let fake: FakeDiscord;
  let app: ReturnType<typeof buildApp>;
  beforeEach(() => {
    fake = world();
    app = buildApp(fake);
  });

  it('sends an anonymous browser to the login page', async () => {
    const res = await request(app).get(`/guilds/${GUILD_A}`).expect(303);
    expect(res.headers.location).to.equal('/login');
  });

  it('answers an anonymous JSON client with 401', async () => {
    const res = await request(app).get(`/guilds/${GUILD_A}`).set('Accept', 'application/json').expect(401);
    expect(res.body.error.code).to.equal('web.error.unauthorized');
  });

  it('refuses a member without Manage Guild or a staff role with 403', async () => {
    const agent = await loggedIn(app, MEMBER);
    const res = await agent.get(`/guilds/${GUILD_A}`).set('Accept-Language', 'en').expect(403);
    expect(res.text).to.include('You cannot manage this server');
  });

  it('lets a Manage Guild holder see the overview', async () => {
    const agent = await loggedIn(app, MANAGER);
    const res = await agent.get(`/guilds/${GUILD_A}`).expect(200);
    expect(res.text).to.include('Acme アルムナイ');
  });

  it('lets the configured moderator role in on its own guild only', async () => {
    const agent = await loggedIn(app, MOD_A);
    await agent.get(`/guilds/${GUILD_A}`).expect(200);
    await agent.get(`/guilds/${GUILD_B}`).expect(403);
  });

  it('refuses a Manage Guild holder of guild A on guild B where they are not a member', async () => {
    const agent = await loggedIn(app, MANAGER);
    await agent.get(`/guilds/${GUILD_B}`).expect(403);
  });

  it('checks again on every request, so a removed role locks the user out once the 30 s cache expires', async () => {
    let clock = Date.now();
    app = buildApp(fake, () => clock);
    const agent = await loggedIn(app, MANAGER);
    await agent.get(`/guilds/${GUILD_A}`).expect(200);
    fake.members.set(`${GUILD_A}:${MANAGER}`, { userId: MANAGER, roleIds: [] });
    clock += 31_000;
    await agent.get(`/guilds/${GUILD_A}`).expect(403);
  });

  it('ends a session 8 hours after login even while it is in use', async () => {
    let clock = Date.now();
    app = buildApp(fake, () => clock);
    const agent = await loggedIn(app, MANAGER);
    clock += 7 * 60 * 60 * 1000;
    await agent.get('/guilds').expect(200);
    clock += 60 * 60 * 1000 + 1000;
    const res = await agent.get('/guilds').expect(303);
    expect(res.headers.location).to.equal('/login');
  });

  it('answers 404 for a path that is not a guild id', async () => {
    const agent = await loggedIn(app, MANAGER);
    await agent.get('/guilds/not-a-guild').expect(404);
  });

  it('lists in the picker only the guilds the user may manage', async () => {
    const agent = await loggedIn(app, MOD_A);
    const res = await agent.get('/guilds').expect(200);
    expect(res.text).to.include(`/guilds/${GUILD_A}`);
    expect(res.text).to.not.include(`/guilds/${GUILD_B}`);
  });

  it('escapes guild names in pages', async () => {
    fake.members.set(`${GUILD_B}:${MANAGER}`, { userId: MANAGER, roleIds: [MANAGE_ROLE] });
    const agent = await loggedIn(app, MANAGER);
    const res = await agent.get(`/guilds/${GUILD_B}`).expect(200);
    expect(res.text).to.include('Other &lt;b&gt;guild&lt;/b&gt;');
    expect(res.text).to.not.include('<b>guild</b>');
  });

  it('refuses a POST without a CSRF token with a localized 403 page', async () => {
    const agent = await loggedIn(app, MANAGER);
    const res = await agent.post('/logout').set('Accept-Language', 'ja').type('form').send({}).expect(403);
    expect(res.text).to.include('フォームの有効期限が切れたか');
    await agent.get(`/guilds/${GUILD_A}`).expect(200);
  });

  it('accepts a POST carrying the token of the page', async () => {
    const agent = await loggedIn(app, MANAGER);
    const page = await agent.get(`/guilds/${GUILD_A}`).expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    await agent.get(`/guilds/${GUILD_A}`).expect(303);
  });

  it('answers an unexpected failure with a localized 500 page that hides the details', async () => {
    const agent = await loggedIn(app, MANAGER);
    fake.failNext = true;
    const res = await agent.get(`/guilds/${GUILD_A}`).set('Accept-Language', 'en').expect(500);
    expect(res.text).to.include('Something went wrong. Please try again in a moment.');
    expect(res.text).to.not.include('Discord is down');
  });
});
