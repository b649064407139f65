/**
 * The guild overview's Connect & Know card and the navigation between the guild pages:
 * members joined / introduced (and the share), latest intros, open relay batons.
 */
import { expect } from 'chai';
import { addDays } from '../../../shared/clock.js';
import { nominate, onIntroduced } from '../../../shared/know/relay.service.js';
import { recordLeave } from '../../../shared/connect/welcome.service.js';
import { dashboardApp, signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { emptyGuildReads } from '../../support/web/fakes.js';

const MALICIOUS = '<script>alert(1)</script>';
const t0 = new Date('2026-05-10T03:00:00Z');

describe('dashboard overview: Connect & Know and the guild navigation', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_overview', '');

  async function seedCommunity() {
    const g = suite.world.guildA;
    // Five present members, two introduced; one more introduced member left (not counted).
    await seedMember(g, { n: 1, joinedAt: t0, name: '最初の人', introducedAt: t0 });
    await seedMember(g, { n: 2, joinedAt: t0, name: MALICIOUS, introducedAt: addDays(t0, 2) });
    for (const n of [3, 4, 5]) await seedMember(g, { n, joinedAt: t0 });
    await seedMember(g, { n: 6, joinedAt: t0, name: '去った人', introducedAt: addDays(t0, 1) });
    await recordLeave({ guildId: g, userId: uid(6), leftAt: addDays(t0, 3) });
    await onIntroduced({ guildId: g, userId: uid(1), now: t0 });
    await nominate({
      guildId: g,
      by: { userId: uid(1) },
      nominee: { userId: uid(3), isBot: false, isMember: true },
      now: t0,
    });
    await onIntroduced({ guildId: g, userId: uid(2), now: addDays(t0, 2) });
  }

  /** People in guild A on Discord, bots not counted: THE member count (GuildReads.memberTotal). */
  function humansOnDiscord(): number {
    const { members, users } = suite.world.emu.state;
    return members.list(suite.world.guildA).filter((m) => !users.get(m.userId).bot).length;
  }

  it('shows one member count (people on Discord, bots not counted), introduced and the share', async () => {
    await seedCommunity();
    // Two more people join on Discord and a bot is added: the bot is not a member for the count.
    const { users, members } = suite.world.emu.state;
    for (const name of ['joiner1', 'joiner2'])
      members.add(suite.world.guildA, users.create({ username: name }).id);
    members.add(suite.world.guildA, users.create({ username: 'other-bot', bot: true }).id);
    const humans = humansOnDiscord();
    expect(humans).to.be.greaterThan(5);
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.match(new RegExp(`data-testid="connect-joined">${humans}<`));
    expect(res.text).to.match(/data-testid="connect-introduced">2</);
    expect(res.text).to.match(new RegExp(`data-testid="connect-share">${Math.round(200 / humans)}%<`));
    expect(res.text).to.include('people in the server now, bots not counted');
    // No second, different figure on the same page.
    expect(res.text).to.not.include('data-testid="member-count"');
  });

  it('says the member count is unknown when Discord cannot be asked', async () => {
    await seedCommunity();
    const reads = { memberTotal: async () => null };
    const agent = await signedIn(dashboardApp(suite.world, { reads }), suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.match(/data-testid="connect-joined">Unknown</);
    expect(res.text).to.match(/data-testid="connect-share">—</);
  });

  it('lists the latest intros newest first, escaped, and the open batons', async () => {
    await seedCommunity();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    const latest = /data-testid="latest-intros">([\s\S]*?)<\/ul>/.exec(res.text)?.[1] ?? '';
    expect(latest.indexOf('&lt;script&gt;')).to.be.lessThan(latest.indexOf('最初の人'));
    expect(latest).to.not.include('去った人');
    expect(res.text).to.not.include(MALICIOUS);
    const batons = /data-testid="open-batons">([\s\S]*?)<\/ul>/.exec(res.text)?.[1] ?? '';
    expect(batons).to.include(`バトン #1：最初の人 → ユーザー（ID ${uid(3)}）`);
    // Chain #2 (started by uid 2) waits for its holder to nominate.
    expect(res.text).to.include('次の人の指名を待っているバトン：1 件');
  });

  it('answers JSON clients with the Connect & Know figures too', async () => {
    await seedCommunity();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent
      .get(suite.path)
      .set('Accept', 'application/json')
      .set('Accept-Language', 'en')
      .expect(200);
    const humans = humansOnDiscord();
    expect(res.body.connect).to.include({
      joined: String(humans),
      introduced: '2',
      introducedShare: `${Math.round(200 / humans)}%`,
    });
  });

  it('shows empty states and a 0% share before anyone introduced themself', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.match(/data-testid="connect-share">0%</);
    expect(res.text).to.include('No introductions yet.');
    expect(res.text).to.include('No baton is waiting for an introduction.');
  });

  it('links every guild page from every guild page, marking the current one', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    for (const [suffix, key] of [
      ['', 'overview'],
      ['/insights/directory', 'directory'],
      ['/invites', 'invites'],
      ['/relay', 'relay'],
    ] as const) {
      const res = await agent
        .get(suite.path + suffix)
        .set('Accept-Language', 'en')
        .expect(200);
      for (const target of ['', '/insights/directory', '/invites', '/relay'])
        expect(res.text, `${key} links ${target}`).to.include(`href="${suite.path}${target}"`);
      expect(res.text).to.match(new RegExp(`data-testid="nav-${key}" aria-current="page"`));
      expect(res.text).to.include('Dates and times are shown in Asia/Tokyo.');
    }
    // The retired /members list is gone from the navigation; the overview's "see all" opens the directory.
    const overview = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(overview.text).to.not.include(`href="${suite.path}/members"`);
    expect(overview.text).to.include(`<a href="${suite.path}/insights/directory">See all →</a>`);
  });

  it('hides a failure of the Connect & Know reads behind a localized 500 page', async () => {
    const failing = {
      ...emptyGuildReads(),
      memberCounts: () => Promise.reject(new Error('store exploded')),
    };
    const agent = await signedIn(dashboardApp(suite.world, { reads: failing }), suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(500);
    expect(res.text).to.include('Something went wrong');
    expect(res.text).to.not.include('store exploded');
  });

  it('refuses a member without Manage Guild or a staff role, and guild B to A’s organiser, with 403', async () => {
    const member = await signedIn(suite.app, suite.world.people.member);
    await member.get(suite.path).expect(403);
    const organiser = await signedIn(suite.app, suite.world.people.moderator);
    await organiser.get(suite.path).expect(200);
    await organiser.get(`/guilds/${suite.world.guildB}`).expect(403);
  });
});
