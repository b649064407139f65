/**
 * The old member list (/guilds/:guildId/members) is retired for the Insights directory: its URLs
 * redirect there with their filters, and the directory does everything the old page did (these
 * are the old page's cases, run against the directory). Real app, Discord emulator for login and
 * access, data seeded through shared/services on the embedded store.
 */
import { expect } from 'chai';
import request from 'supertest';
import { attributeJoin, syncInvites } from '../../../shared/connect/invite-tracking.service.js';
import {
  configureGuildA,
  dashboardApp,
  signedIn,
  useGuildPageSuite,
} from '../../support/web/dashboard-app.js';
import { seedMember, seedMemberById, uid } from '../../support/web/connect-seed.js';

const MALICIOUS = '<script>alert(1)</script>';

describe('dashboard member list: the old page redirects to the directory, which keeps its features', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_members', '/insights/directory');
  const oldPath = () => `/guilds/${suite.world.guildA}/members`;

  beforeEach(async () => {
    const g = suite.world.guildA;
    // 16:30 UTC on 31 March is already 1 April in Tokyo: the page must show the Tokyo date.
    await seedMember(g, {
      n: 1,
      joinedAt: new Date('2026-03-01T00:00:00Z'),
      name: '山田 花子',
      introducedAt: new Date('2026-03-31T16:30:00Z'),
      attributes: { leaveYear: 2021, industry: 'it', region: 'kanto' },
    });
    await seedMember(g, {
      n: 2,
      joinedAt: new Date('2026-03-02T00:00:00Z'),
      name: MALICIOUS,
      attributes: { leaveYear: 2019, industry: 'finance', region: 'kansai' },
    });
    await seedMember(g, {
      n: 3,
      joinedAt: new Date('2026-03-03T00:00:00Z'),
      attributes: { leaveYear: 2021, industry: 'finance' },
    });
    await seedMember(g, { n: 4, joinedAt: new Date('2026-03-04T00:00:00Z') });
    // Another guild's member must never show up here.
    await seedMember(suite.world.guildB, {
      n: 9,
      joinedAt: new Date('2026-03-05T00:00:00Z'),
      name: 'Beta Person',
    });
  });

  it('lists the guild’s members with leave year, industry, region and the intro date in the guild’s zone', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(res.text).to.include('山田 花子');
    expect(res.text).to.include('2021年');
    expect(res.text).to.include('IT・通信');
    expect(res.text).to.include('関東');
    expect(res.text).to.include('2026/04/01');
    expect(res.text).to.include('data-testid="directory-total">Tsunagu のプロフィールがある 4 人<');
    expect(res.text).to.not.include('Beta Person');
    expect(res.text.match(/data-testid="directory-row"/g)).to.have.length(4);
  });

  it('shows dates in the time zone stored in the guild’s settings', async () => {
    await configureGuildA(suite.world, 'America/New_York');
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('31 Mar 2026');
    expect(res.text).to.include('America/New_York');
  });

  it('escapes a display name that contains HTML', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).expect(200);
    expect(res.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).to.not.include(MALICIOUS);
  });

  it('filters by introduced and not introduced', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const introduced = await agent
      .get(`${suite.path}?introduced=yes`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(introduced.text).to.include('data-testid="directory-total">2 members with a Tsunagu profile<');
    expect(introduced.text).to.include('山田 花子');
    const notYet = await agent.get(`${suite.path}?introduced=no`).set('Accept-Language', 'en').expect(200);
    expect(notYet.text).to.include('data-testid="directory-total">2 members with a Tsunagu profile<');
    expect(notYet.text).to.not.include('山田 花子');
    expect(notYet.text).to.include('(not introduced yet)');
  });

  it('filters by leave year and industry together and keeps the choices selected', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent
      .get(`${suite.path}?leaveYear=2021&industry=finance`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(res.text).to.include('data-testid="directory-total">1 member with a Tsunagu profile<');
    expect(res.text).to.not.include('山田 花子');
    expect(res.text).to.include('<option value="2021" selected>');
    expect(res.text).to.include('<option value="finance" selected>');
  });

  it('answers bad filter values with a localized 400 page that keeps the form', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const en = await agent
      .get(`${suite.path}?introduced=maybe&leaveYear=1900&industry=<b>x</b>&page=-1`)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(en.text).to.include('Please check the search:');
    expect(en.text).to.include('The leave year must be between 1980 and');
    // The industry and the introduction filter: one message each.
    expect(en.text.match(/Choose one of the listed values\./g)).to.have.length(2);
    expect(en.text).to.include('That page does not exist.');
    expect(en.text).to.include('data-testid="directory-filters"');
    expect(en.text).to.not.include('data-testid="directory-table"');
    expect(en.text).to.not.include('<b>x</b>');
    const ja = await agent.get(`${suite.path}?leaveYear=abc`).set('Accept-Language', 'ja').expect(400);
    expect(ja.text).to.include('退職年は 1980〜');
  });

  it('refuses a repeated filter parameter instead of crashing', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent
      .get(`${suite.path}?industry=it&industry=finance`)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(res.text).to.include('Choose one of the listed values.');
  });

  it('pages through the list and keeps the filters in the page links', async () => {
    const agent = await signedIn(
      dashboardApp(suite.world, { membersPageSize: 2 }),
      suite.world.people.manager,
    );
    const first = await agent.get(`${suite.path}?introduced=`).set('Accept-Language', 'en').expect(200);
    expect(first.text).to.include('Page 1 of 2');
    expect(first.text.match(/data-testid="directory-row"/g)).to.have.length(2);
    expect(first.text).to.include(`href="${suite.path}?page=2"`);
    const second = await agent.get(`${suite.path}?page=2`).set('Accept-Language', 'en').expect(200);
    expect(second.text).to.include('Page 2 of 2');
    expect(second.text).to.include(`href="${suite.path}"`);
    const filtered = await agent.get(`${suite.path}?leaveYear=2021`).set('Accept-Language', 'en').expect(200);
    expect(filtered.text).to.include('Page 1 of 1');
    const beyond = await agent.get(`${suite.path}?page=99`).set('Accept-Language', 'en').expect(200);
    expect(beyond.text).to.include('Page 2 of 2');
  });

  it('names members without an intro, and inviters, by their Discord name', async () => {
    // people.member is in guild A on Discord ("Plain Member") but has not introduced themself;
    // the moderator ("Moderator") made the invite they came through.
    const joinedAt = new Date('2026-03-07T00:00:00Z');
    const code = { code: 'mod-invite', uses: 0, maxUses: 0, inviterId: suite.world.people.moderator };
    await syncInvites({ guildId: suite.world.guildA, invites: [code] });
    await seedMemberById(suite.world.guildA, suite.world.people.member, joinedAt);
    await attributeJoin({
      guildId: suite.world.guildA,
      userId: suite.world.people.member,
      invites: [{ ...code, uses: 1 }],
      joinedAt,
    });
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(`${suite.path}?introduced=no`).set('Accept-Language', 'en').expect(200);
    // The Discord display name with the username beside it (display names are not unique).
    expect(res.text).to.match(/class="muted">Plain Member \(@member\)<\/a><\/td>/);
    expect(res.text).to.match(/<td>Moderator \(@moderator\)<\/td>/);
  });

  it('prefers the intro name to the Discord name', async () => {
    await seedMemberById(
      suite.world.guildA,
      suite.world.people.member,
      new Date('2026-03-07T00:00:00Z'),
      '会員 太郎',
    );
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).expect(200);
    expect(res.text).to.include('会員 太郎');
    expect(res.text).to.not.include('Plain Member');
  });

  it('still shows the list with intro names when Discord cannot name members', async () => {
    const failing = () => Promise.reject(new Error('Discord is down'));
    await seedMemberById(suite.world.guildA, suite.world.people.member, new Date('2026-03-07T00:00:00Z'));
    const agent = await signedIn(
      dashboardApp(suite.world, { memberNames: failing }),
      suite.world.people.manager,
    );
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('山田 花子');
    expect(res.text).to.include('(not introduced yet)');
    expect(res.text).to.not.include('Plain Member');
  });

  it('redirects the old member list permanently, with its filters, and drops it from the navigation', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const old = await agent.get(`${oldPath()}?introduced=yes&leaveYear=2021&other=x`).expect(301);
    expect(old.headers.location).to.equal(`${suite.path}?introduced=yes&leaveYear=2021`);
    const bare = await agent.get(oldPath()).expect(301);
    expect(bare.headers.location).to.equal(suite.path);
    const res = await agent.get(old.headers.location!).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('data-testid="directory-total">1 member with a Tsunagu profile<');
    expect(res.text).to.include('data-testid="nav-directory"');
    expect(res.text).to.not.include('data-testid="nav-members"');
  });

  it('checks access before redirecting the old URL', async () => {
    const anonymous = await request(suite.app).get(oldPath()).expect(303);
    expect(anonymous.headers.location).to.equal('/login');
    const member = await signedIn(suite.app, suite.world.people.member);
    await member.get(oldPath()).expect(403);
  });

  it('lets the configured organiser role in', async () => {
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    await agent.get(suite.path).expect(200);
  });

  it('refuses a member without Manage Guild or a staff role with 403', async () => {
    const agent = await signedIn(suite.app, suite.world.people.member);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(403);
    expect(res.text).to.not.include('山田 花子');
  });

  it('refuses the organiser of guild A on guild B’s members with 403', async () => {
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const res = await agent.get(`/guilds/${suite.world.guildB}/members`).expect(403);
    expect(res.text).to.not.include('Beta Person');
  });

  it('sends an anonymous visitor to the login page', async () => {
    const res = await request(suite.app).get(suite.path).expect(303);
    expect(res.headers.location).to.equal('/login');
  });

  it('names the inviter by their intro name', async () => {
    // uid(1)'s invite brings uid(5) in: attribution records the inviter on the new profile.
    await syncInvites({
      guildId: suite.world.guildA,
      invites: [{ code: 'hanako', uses: 0, maxUses: 0, inviterId: uid(1) }],
    });
    await seedMember(suite.world.guildA, { n: 5, joinedAt: new Date('2026-03-06T00:00:00Z') });
    await attributeJoin({
      guildId: suite.world.guildA,
      userId: uid(5),
      invites: [{ code: 'hanako', uses: 1, maxUses: 0, inviterId: uid(1) }],
      joinedAt: new Date('2026-03-06T00:00:00Z'),
    });
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(`${suite.path}?introduced=no`).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.match(/<td>山田 花子<\/td>\s*<\/tr>/);
  });
});
