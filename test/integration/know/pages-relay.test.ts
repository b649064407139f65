/**
 * The intro relay page (/guilds/:guildId/relay): live and broken chains, every link with its
 * status and dates in the guild's zone, chain lengths and where chains stumbled. The chains are
 * played through the relay services (intro → nominate → reminder → hand-back), as the bot does.
 */
import { expect } from 'chai';
import { addDays } from '../../../shared/clock.js';
import { nominate, onIntroduced, processRelayLink } from '../../../shared/know/relay.service.js';
import { recordLeave } from '../../../shared/connect/welcome.service.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';

const MALICIOUS = '<script>alert(1)</script>';
/** 15:30 UTC is 00:30 the next day in Tokyo. */
const t0 = new Date('2026-04-01T15:30:00Z');

describe('dashboard intro relay page', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_relay', '/relay');

  const member = (n: number) => ({ userId: uid(n), isBot: false, isMember: true });

  async function introduce(n: number, name: string, at: Date) {
    await seedMember(suite.world.guildA, { n, joinedAt: addDays(at, -1), name, introducedAt: at });
    return onIntroduced({ guildId: suite.world.guildA, userId: uid(n), now: at });
  }

  /** Runs the relay job's check at the reminder and then at the hand-back time. */
  async function letNominationLapse(linkId: string, from: Date) {
    const reminded = await processRelayLink(linkId, addDays(from, 3));
    expect(reminded.action).to.equal('reminded');
    const passed = await processRelayLink(linkId, addDays(from, 6));
    expect(passed.action).to.equal('passed');
  }

  async function seedChains() {
    const g = suite.world.guildA;
    for (const n of [3, 4, 6]) await seedMember(g, { n, joinedAt: addDays(t0, -1) });
    // Chain #1: 1 → 2 (introduced), 2 → 3 lapses and the baton returns to 2, then 2 → 4 (open).
    await introduce(1, '一番 さん', t0);
    await nominate({ guildId: g, by: { userId: uid(1) }, nominee: member(2), now: t0 });
    await introduce(2, MALICIOUS, addDays(t0, 1));
    const lapsed = await nominate({
      guildId: g,
      by: { userId: uid(2) },
      nominee: member(3),
      now: addDays(t0, 1),
    });
    await letNominationLapse(lapsed.link.linkId, addDays(t0, 1));
    await nominate({ guildId: g, by: { userId: uid(2) }, nominee: member(4), now: addDays(t0, 8) });
    // Chain #2: 5 → 6, then 5 leaves and 6 never introduces: the chain breaks, the bot holds it.
    await introduce(5, '五郎', addDays(t0, 2));
    const broken = await nominate({
      guildId: g,
      by: { userId: uid(5) },
      nominee: member(6),
      now: addDays(t0, 2),
    });
    await recordLeave({ guildId: g, userId: uid(5), leftAt: addDays(t0, 3) });
    await letNominationLapse(broken.link.linkId, addDays(t0, 2));
  }

  it('shows the live chain with each link, its status and the dates in Tokyo time', async () => {
    await seedChains();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    const chains = res.text.match(/<section class="card chain"[\s\S]*?<\/section>/g) ?? [];
    expect(chains).to.have.length(2);
    const live = chains.find((c) => c.includes('バトン #1'))!;
    expect(live).to.include('進行中');
    expect(live).to.include('長さ：2 人');
    expect(live.match(/data-testid="relay-link"/g)).to.have.length(3);
    expect(live).to.include('自己紹介済み');
    expect(live).to.include('期限切れで交代');
    expect(live).to.include('自己紹介待ち');
    expect(live).to.include('（2 回目の指名）');
    expect(live).to.include(`ユーザー（ID ${uid(4)}） さんの自己紹介待ち`);
    // Nominated 2026-04-01T15:30Z = 2 April 00:30 in Tokyo.
    expect(live).to.include('2026/04/02 0:30');
  });

  it('shows chain lengths, the summary and where each chain broke', async () => {
    await seedChains();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.match(/data-testid="relay-active">1</);
    expect(res.text).to.match(/data-testid="relay-longest">2 people</);
    expect(res.text).to.match(/data-testid="relay-total">3 people</);
    const chains = res.text.match(/<section class="card chain"[\s\S]*?<\/section>/g) ?? [];
    const live = chains.find((c) => c.includes('Chain #1'))!;
    const broken = chains.find((c) => c.includes('Chain #2'))!;
    expect(live).to.include('Nomination 2: no intro, the baton went back to the nominator');
    expect(broken).to.include('Broken');
    expect(broken).to.include('Length: 1');
    expect(broken).to.include('Nomination 1: broken, waiting for the organisers');
    expect(broken).to.include('Waiting for the organisers to nominate someone');
  });

  it('marks an intro that came after the baton moved on as introduced late', async () => {
    await seedChains();
    // Member 3's nomination lapsed on day 7; they introduce themselves on day 9 anyway.
    await introduce(3, '三郎', addDays(t0, 9));
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    const live = (res.text.match(/<section class="card chain"[\s\S]*?<\/section>/g) ?? []).find((c) =>
      c.includes('Chain #1'),
    )!;
    expect(live).to.include('Introduced (after the baton moved on)');
    expect(live).to.not.include('Timed out, passed on');
  });

  it('escapes a malicious display name in the chain', async () => {
    await seedChains();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).expect(200);
    expect(res.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).to.not.include(MALICIOUS);
  });

  it('says so when there is no chain yet and when the relay is turned off', async () => {
    await updateGuildSettings(suite.world.guildA, { relayEnabled: false });
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('No chain yet. The first introduction starts one.');
    expect(res.text).to.include('The intro relay is turned off in this server.');
  });

  it('refuses a member without Manage Guild or a staff role with 403', async () => {
    await seedChains();
    const agent = await signedIn(suite.app, suite.world.people.member);
    const res = await agent.get(suite.path).expect(403);
    expect(res.text).to.not.include('一番 さん');
  });

  it('refuses the organiser of guild A on guild B’s relay with 403', async () => {
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    await agent.get(suite.path).expect(200);
    await agent.get(`/guilds/${suite.world.guildB}/relay`).expect(403);
  });
});
