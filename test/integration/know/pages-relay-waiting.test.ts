/**
 * The relay page for organisers: the chains that matter first, the idle one-person chains
 * collapsed, how many batons wait and for how long, and the nominate button, which writes the
 * request on the chain and enqueues the worker's job (CSRF-protected, staff only).
 */
import { expect } from 'chai';
import { addDays } from '../../../shared/clock.js';
import { nominate, onIntroduced } from '../../../shared/know/relay.service.js';
import { settleOrganiserNomination } from '../../../shared/know/relay-organiser.service.js';
import { RelayChain } from '../../../shared/know/relay-chain.model.js';
import { recordLeave } from '../../../shared/connect/welcome.service.js';
import { dashboardApp, signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { csrfFrom } from '../../support/web/browser.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { t } from '../../../shared/i18n/index.js';

const t0 = new Date('2026-04-01T00:00:00Z');
const today = addDays(t0, 10);

describe('dashboard relay page: what waits, and nominating from the dashboard', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_relay_waiting', '/relay');
  const member = (n: number) => ({ userId: uid(n), isBot: false, isMember: true });

  async function introduce(n: number, at: Date) {
    await seedMember(suite.world.guildA, {
      n,
      joinedAt: addDays(at, -1),
      name: `Person ${n}`,
      introducedAt: at,
    });
    return onIntroduced({ guildId: suite.world.guildA, userId: uid(n), now: at });
  }

  /**
   * Chain #1: 1 → 2 → 3 (two intros after the start, 3 holds the baton since day 2).
   * Chain #2: 4 → 5 open since day 6. Chain #3: 6, who left: the bot holds it since day 7.
   * Chains #4–#6: one person each, nobody nominated (idle). Members 20, 21 have no intro.
   */
  async function seed() {
    const g = suite.world.guildA;
    for (const n of [20, 21]) await seedMember(g, { n, joinedAt: t0 });
    await introduce(1, t0);
    await nominate({ guildId: g, by: { userId: uid(1) }, nominee: member(2), now: t0 });
    await introduce(2, addDays(t0, 1));
    await nominate({ guildId: g, by: { userId: uid(2) }, nominee: member(3), now: addDays(t0, 1) });
    await introduce(3, addDays(t0, 2));
    await introduce(4, addDays(t0, 3));
    await nominate({ guildId: g, by: { userId: uid(4) }, nominee: member(5), now: addDays(t0, 6) });
    await introduce(6, addDays(t0, 4));
    await recordLeave({ guildId: g, userId: uid(6), leftAt: addDays(t0, 7) });
    await RelayChain.updateOne(
      { guildId: g, startedBy: uid(6) },
      { $set: { batonHolderId: null, batonWithBot: true, status: 'broken', lastActivityAt: addDays(t0, 7) } },
    );
    for (const n of [7, 8, 9]) await introduce(n, addDays(t0, 5));
  }

  const chainsOf = (html: string) => html.match(/<section class="card chain"[\s\S]*?<\/section>/g) ?? [];

  it('lists the batons waiting for a nomination first, then the longest, and folds the idle chains away', async () => {
    await seed();
    const app = dashboardApp(suite.world, { now: () => today.getTime() });
    const agent = await signedIn(app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    const headings = chainsOf(res.text).map((c) => /Chain #(\d+)/.exec(c)?.[1]);
    // The bot's baton (#3) first, then the holder who has not passed it (#1, since day 2), then
    // the chain waiting for an intro (#2). A one-person bot-held chain is never pushed off the page.
    expect(headings).to.deep.equal(['3', '1', '2']);
    const idle = /<details data-testid="relay-idle">([\s\S]*?)<\/details>/.exec(res.text)?.[1] ?? '';
    expect(idle).to.include('3 chains of one person who has not nominated anyone yet');
    expect(idle.match(/<li>/g)).to.have.length(3);
    expect(idle).to.include('Person 7').and.include('Person 9');
  });

  it('says how many batons wait, and the median and longest wait, in both languages', async () => {
    await seed();
    const app = dashboardApp(suite.world, { now: () => today.getTime() });
    const agent = await signedIn(app, suite.world.people.manager);
    const en = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    // One open nomination (4 → 5) since day 6: 4 days.
    expect(en.text).to.match(/data-testid="relay-waiting-intro">1</);
    expect(en.text).to.match(/data-testid="relay-waiting-intro-detail">median 4 days · longest 4 days</);
    // Batons to pass: 3's (since day 2) and the bot's (day 7): 8 and 3 days. The idle one-person
    // chains 7, 8, 9 never passed a baton: nobody is stuck behind them, they are not counted.
    expect(en.text).to.match(/data-testid="relay-waiting-nomination">2</);
    expect(en.text).to.match(
      /data-testid="relay-waiting-nomination-detail">median 5.5 days · longest 8 days</,
    );
    expect(en.text).to.include('1 with the bot');
    const ja = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(ja.text).to.match(/data-testid="relay-waiting-nomination-detail">中央値 5.5 日・最長 8 日</);
  });

  it('rounds a wait before picking its unit, says "under a minute", and never shows a negative wait', async () => {
    const g = suite.world.guildA;
    const ago = (ms: number) => new Date(today.getTime() - ms);
    // Holder 2 has waited 59 min 40 s to nominate ("1 hour", not "60 minutes"). Nominee 5 was
    // nominated 20 s ago, nominee 7 "in 3 minutes" (the worker's clock ahead of the web's).
    await introduce(1, ago(2 * 3_600_000));
    await nominate({ guildId: g, by: { userId: uid(1) }, nominee: member(2), now: ago(2 * 3_600_000) });
    await introduce(2, ago(59 * 60_000 + 40_000));
    await introduce(4, ago(30 * 60_000));
    await nominate({ guildId: g, by: { userId: uid(4) }, nominee: member(5), now: ago(20_000) });
    await introduce(6, ago(30 * 60_000));
    await nominate({ guildId: g, by: { userId: uid(6) }, nominee: member(7), now: ago(-3 * 60_000) });
    const app = dashboardApp(suite.world, { now: () => today.getTime() });
    const agent = await signedIn(app, suite.world.people.manager);
    const en = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(en.text).to.match(
      /data-testid="relay-waiting-intro-detail">median under a minute · longest under a minute</,
    );
    expect(en.text).to.match(/data-testid="relay-waiting-nomination-detail">median 1 hour · longest 1 hour</);
    expect(en.text).to.not.match(/-\d+ minutes|0 minutes|60 minutes/);
    const ja = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(ja.text).to.match(/data-testid="relay-waiting-intro-detail">中央値 1 分未満・最長 1 分未満</);
    expect(ja.text).to.match(/data-testid="relay-waiting-nomination-detail">中央値 1 時間・最長 1 時間</);
  });

  it('gives fresh waits in minutes and hours, and mentions chains left out only when there are some', async () => {
    const g = suite.world.guildA;
    const minutesAgo = (m: number) => new Date(today.getTime() - m * 60_000);
    for (const n of [20, 21]) await seedMember(g, { n, joinedAt: t0 });
    // Chain #1: 1 → 2, and 2 holds the baton since 2 hours ago. Chain #2: 4 → 5 open for 25 minutes.
    await introduce(1, minutesAgo(180));
    await nominate({ guildId: g, by: { userId: uid(1) }, nominee: member(2), now: minutesAgo(170) });
    await introduce(2, minutesAgo(120));
    await introduce(4, minutesAgo(60));
    await nominate({ guildId: g, by: { userId: uid(4) }, nominee: member(5), now: minutesAgo(25) });
    const app = dashboardApp(suite.world, { now: () => today.getTime() });
    const agent = await signedIn(app, suite.world.people.manager);
    const en = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(en.text).to.match(
      /data-testid="relay-waiting-intro-detail">median 25 minutes · longest 25 minutes</,
    );
    expect(en.text).to.match(
      /data-testid="relay-waiting-nomination-detail">median 2 hours · longest 2 hours</,
    );
    expect(en.text).to.include('Showing the 2 chains that grew or wait for someone');
    expect(en.text).to.not.include('not shown');
    const ja = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(ja.text).to.match(/data-testid="relay-waiting-intro-detail">中央値 25 分・最長 25 分</);
    expect(ja.text).to.match(/data-testid="relay-waiting-nomination-detail">中央値 2 時間・最長 2 時間</);
    expect(ja.text).to.not.include('表示していません');
  });

  it('nominates through the worker: the request is stored and enqueued, and the page shows the outcome', async () => {
    await seed();
    const enqueued: { name: string; data: Record<string, unknown> }[] = [];
    const jobs = {
      now: async (name: string, data: Record<string, unknown>) => void enqueued.push({ name, data }),
    };
    const app = dashboardApp(suite.world, { now: () => today.getTime(), jobs });
    const agent = await signedIn(app, suite.world.people.manager);
    const page = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    const botChain = chainsOf(page.text).find((c) => c.includes('Chain #3'))!;
    expect(botChain).to.include('data-testid="relay-nominate"');
    expect(botChain)
      .to.include(`value="${uid(20)}"`)
      .and.include(`value="${uid(21)}"`);
    // A chain waiting for an intro has no button; person 3 has held #1 for 8 days (> 3): it has one.
    expect(chainsOf(page.text).find((c) => c.includes('Chain #2'))).to.not.include('relay-nominate');
    expect(chainsOf(page.text).find((c) => c.includes('Chain #1'))).to.include('relay-nominate');
    const chainId = /name="chainId" value="([a-f0-9]{24})"/.exec(botChain)![1]!;

    await agent
      .post(`${suite.path}/nominate`)
      .type('form')
      .send({ chainId, nomineeId: uid(20) })
      .expect(403);
    expect(enqueued).to.have.length(0);

    const res = await agent
      .post(`${suite.path}/nominate`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), chainId, nomineeId: uid(20) })
      .expect(303);
    expect(res.headers.location).to.equal(`/guilds/${suite.world.guildA}/relay#chain-${chainId}`);
    expect(enqueued).to.have.length(1);
    const requestId = enqueued[0]!.data.requestId as string;
    expect(requestId).to.be.a('string').and.not.equal('');
    expect(enqueued[0]).to.deep.equal({
      name: 'relay.nominate',
      data: { guildId: suite.world.guildA, chainId, nomineeId: uid(20), requestId },
    });
    const queued = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(queued.text).to.match(/data-testid="chain-request">Nomination of .* sent to the bot…</);

    // A double click (or a second organiser) while that request is queued: 409, nothing enqueued.
    const second = await agent
      .post(`${suite.path}/nominate`)
      .type('form')
      .set('Accept-Language', 'en')
      .send({ _csrf: csrfFrom(page.text), chainId, nomineeId: uid(21) })
      .expect(409);
    expect(second.text).to.include('already on its way to the bot');
    expect(enqueued).to.have.length(1);

    // An outcome for another request id (an older job) never overwrites this request's.
    await settleOrganiserNomination({ chainId, requestId: 'older', status: 'done' });
    expect((await agent.get(suite.path).set('Accept-Language', 'en')).text).to.include('sent to the bot…');

    // The refusal's placeholders are filled in ("Chain #3", not "Chain #{number}").
    await settleOrganiserNomination({
      chainId,
      requestId,
      status: 'refused',
      reasonKey: 'connect.relay.error.chainBusy',
      reasonVars: { number: 3 },
    });
    const refused = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(refused.text).to.include('was refused: Chain #3 is waiting for its nominee to introduce themself');
    expect(refused.text).to.not.include('{number}');
    const ja = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(ja.text).to.include('バトン #3 は指名された人の自己紹介を待っています');

    // Once settled, a new request is taken.
    await agent
      .post(`${suite.path}/nominate`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), chainId, nomineeId: uid(21) })
      .expect(303);
    expect(enqueued).to.have.length(2);
  });

  it('offers a person’s baton to organisers only once they had the reminder time to pass it', async () => {
    await seed();
    await updateGuildSettings(suite.world.guildA, { relayReminderDays: 10 });
    const app = dashboardApp(suite.world, {
      now: () => today.getTime(),
      jobs: { now: async () => undefined },
    });
    const agent = await signedIn(app, suite.world.people.manager);
    const page = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    // Person 3 has held chain #1 for 8 days of 10: no form yet; the bot's chain #3 has one.
    expect(chainsOf(page.text).find((c) => c.includes('Chain #1'))).to.not.include('relay-nominate');
    expect(chainsOf(page.text).find((c) => c.includes('Chain #3'))).to.include('relay-nominate');
  });

  it('refuses a bad chain id, a bad member id, another guild’s chain, and answers 503 without a worker', async () => {
    await seed();
    const jobs = { now: async () => undefined };
    const withWorker = await signedIn(dashboardApp(suite.world, { jobs }), suite.world.people.manager);
    const page = await withWorker.get(suite.path).expect(200);
    const csrf = csrfFrom(page.text);
    const chainId = /name="chainId" value="([a-f0-9]{24})"/.exec(page.text)![1]!;
    const post = (agent: typeof withWorker, body: Record<string, string>, path = suite.path) =>
      agent
        .post(`${path}/nominate`)
        .type('form')
        .send({ _csrf: csrf, ...body });
    await post(withWorker, { chainId: 'nope', nomineeId: uid(20) }).expect(400);
    await post(withWorker, { chainId, nomineeId: '<script>' }).expect(400);
    await post(withWorker, { chainId: '0123456789abcdef01234567', nomineeId: uid(20) }).expect(404);
    const b = suite.world.guildB;
    await seedMember(b, { n: 40, joinedAt: t0, name: 'Elsewhere', introducedAt: t0 });
    const other = await onIntroduced({ guildId: b, userId: uid(40), now: t0 });
    await post(withWorker, { chainId: other.chain!.chainId, nomineeId: uid(20) }).expect(404);
    expect(await RelayChain.exists({ guildId: b, nominationRequest: { $ne: null } })).to.equal(null);

    const withoutWorker = await signedIn(dashboardApp(suite.world), suite.world.people.manager);
    const page2 = await withoutWorker.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(page2.text).to.not.include('data-testid="relay-nominate"');
    expect(page2.text).to.include('needs the bot worker');
    await withoutWorker
      .post(`${suite.path}/nominate`)
      .type('form')
      .send({ _csrf: csrfFrom(page2.text), chainId, nomineeId: uid(20) })
      .expect(503);
  });

  it('refuses a member without a staff role, with a valid CSRF token: the access check answers', async () => {
    await seed();
    const enqueued: unknown[] = [];
    const jobs = { now: async (_name: string, data: Record<string, unknown>) => void enqueued.push(data) };
    const agent = await signedIn(dashboardApp(suite.world, { jobs }), suite.world.people.member);
    await agent.get(suite.path).expect(403);
    // A page this member may load gives a valid token: the 403 below is access, not CSRF.
    const guilds = await agent.get('/guilds').set('Accept-Language', 'en').expect(200);
    const chain = (await RelayChain.findOne({ guildId: suite.world.guildA }).lean())!;
    const res = await agent
      .post(`${suite.path}/nominate`)
      .type('form')
      .set('Accept-Language', 'en')
      .send({ _csrf: csrfFrom(guilds.text), chainId: String(chain._id), nomineeId: uid(20) })
      .expect(403);
    expect(res.text).to.include(t('en', 'web.error.guildForbidden'));
    expect(enqueued).to.have.length(0);
  });

  it('lets only organisers nominate, as /relay nominate does: a moderator sees the page without the form', async () => {
    await seed();
    const enqueued: unknown[] = [];
    const jobs = { now: async (_name: string, data: Record<string, unknown>) => void enqueued.push(data) };
    const chainId = String(
      (await RelayChain.findOne({ guildId: suite.world.guildA, batonWithBot: true }).lean())!._id,
    );
    // The world's "moderator" holds a role that guild A now names as its moderator role only.
    const organiserRole = suite.world.emu.state.roles.create(suite.world.guildA, {
      name: 'Real organisers',
    }).id;
    await updateGuildSettings(suite.world.guildA, {
      roles: { organiser: organiserRole, moderator: suite.world.organiserRoleA },
    });
    const mod = await signedIn(dashboardApp(suite.world, { jobs }), suite.world.people.moderator);
    const page = await mod.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.not.include('data-testid="relay-nominate"');
    expect(page.text).to.include('Only organisers');
    const res = await mod
      .post(`${suite.path}/nominate`)
      .type('form')
      .set('Accept-Language', 'en')
      .send({ _csrf: csrfFrom(page.text), chainId, nomineeId: uid(20) })
      .expect(403);
    expect(res.text).to.include('Only organisers');
    expect(enqueued).to.have.length(0);
    expect(await RelayChain.exists({ _id: chainId, nominationRequest: { $ne: null } })).to.equal(null);
  });

  it('refuses an organiser of guild A posting to guild B', async () => {
    await seed();
    const enqueued: unknown[] = [];
    const jobs = { now: async (_name: string, data: Record<string, unknown>) => void enqueued.push(data) };
    const b = suite.world.guildB;
    await seedMember(b, { n: 41, joinedAt: t0, name: 'Elsewhere', introducedAt: t0 });
    const other = await onIntroduced({ guildId: b, userId: uid(41), now: t0 });
    // The moderator holds guild A's organiser role and B's Organiser role, which B never configured.
    const agent = await signedIn(dashboardApp(suite.world, { jobs }), suite.world.people.moderator);
    const page = await agent.get(suite.path).expect(200);
    expect(page.text).to.include('data-testid="relay-nominate"');
    await agent
      .post(`/guilds/${b}/relay/nominate`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), chainId: other.chain!.chainId, nomineeId: uid(20) })
      .expect(403);
    expect(enqueued).to.have.length(0);
    expect(await RelayChain.exists({ guildId: b, nominationRequest: { $ne: null } })).to.equal(null);
  });
});
