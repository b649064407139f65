/**
 * The funnel page and its JSON over HTTP: profiles seeded through the Connect/Know services,
 * invite cohorts as join attributions, attendance in the deepen slice's mixer records.
 */
import { expect } from 'chai';
import { dashboardApp, signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { JoinAttribution } from '../../../shared/connect/join-attribution.model.js';
import { MixerAttendance } from '../../../shared/deepen/mixer/mixer-attendance.model.js';
import { createActivityCounter } from '../../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../../shared/insights/activity-store.js';
import { silentLogger } from '../../../shared/logger.js';

const NOW = Date.parse('2026-04-15T03:00:00Z');
const d = (iso: string) => new Date(iso);

describe('dashboard funnel and cohorts page', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_funnel', '/insights/funnel');

  beforeEach(async () => {
    const g = suite.world.guildA;
    // 1: joined Jan, intro, 2 mixers 20 days apart (one inside an event, counted once with it).
    await seedMember(g, {
      n: 1,
      joinedAt: d('2026-01-05T00:00:00Z'),
      name: 'A',
      attributes: { leaveYear: 2020 },
    });
    // 2: joined Jan, intro, 1 mixer.  3: joined Feb, intro.  4: joined Feb, nothing.
    await seedMember(g, {
      n: 2,
      joinedAt: d('2026-01-10T00:00:00Z'),
      name: 'B',
      attributes: { leaveYear: 2021 },
    });
    await seedMember(g, {
      n: 3,
      joinedAt: d('2026-02-03T00:00:00Z'),
      name: 'C',
      attributes: { leaveYear: 2020 },
    });
    await seedMember(g, { n: 4, joinedAt: d('2026-02-04T00:00:00Z') });
    await JoinAttribution.create([
      {
        guildId: g,
        userId: uid(1),
        method: 'invite',
        code: 'abc',
        label: '2020 Sales',
        joinedAt: d('2026-01-05T00:00:00Z'),
      },
      {
        guildId: g,
        userId: uid(3),
        method: 'invite',
        code: 'abc',
        label: '2020 Sales',
        joinedAt: d('2026-02-03T00:00:00Z'),
      },
    ]);
    await MixerAttendance.create([
      { guildId: g, runId: 'r1', userId: uid(1), at: d('2026-02-01T11:00:00Z') },
      { guildId: g, runId: 'r2', userId: uid(1), eventId: 'occ1', at: d('2026-02-21T11:00:00Z') },
      { guildId: g, runId: 'r3', userId: uid(1), eventId: 'occ1', at: d('2026-02-21T11:30:00Z') },
      { guildId: g, runId: 'r1', userId: uid(2), at: d('2026-02-01T11:00:00Z') },
    ]);
    const counter = createActivityCounter({
      store: mongooseActivityStore,
      clock: { now: () => new Date(NOW) },
      logger: silentLogger(),
    });
    counter.message(g, 'c', uid(1), d('2026-01-06T01:00:00Z'));
    counter.message(g, 'c', uid(1), d('2026-03-06T01:00:00Z'));
    counter.message(g, 'c', uid(3), d('2026-02-06T01:00:00Z'));
    await counter.flush(); // written whatever the load (close() gives up after its bound)
    await counter.close();
    suite.app = dashboardApp(suite.world, { now: () => NOW });
  });

  it('counts joined 4 → introduced 3 → first mixer or event 2 → came back 1, collaboration not measured', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(`${suite.path}.json`).expect(200);
    expect(res.body.steps.map((s: { count: number | null }) => s.count)).to.deep.equal([4, 3, 2, 1, null]);
    expect(res.body.attendanceMeasured).to.equal(true);
    expect(res.body.options.cohorts).to.deep.equal(['2020 Sales']);
    const page = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.include('Came back within 60 days');
    expect(page.text).to.include('Not measured yet');
    expect(page.text).to.match(/data-testid="step-introduced">[\s\S]*?75%/);
  });

  it('filters by join month, leave year and invite cohort', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const count = async (query: string) =>
      (await agent.get(`${suite.path}.json?${query}`).expect(200)).body.steps.map(
        (s: { count: number | null }) => s.count,
      );
    expect(await count('joinMonth=2026-02')).to.deep.equal([2, 1, 0, 0, null]);
    expect(await count('leaveYear=2020')).to.deep.equal([2, 2, 1, 1, null]);
    expect(await count(`cohort=${encodeURIComponent('2020 Sales')}`)).to.deep.equal([2, 2, 1, 1, null]);
  });

  it('shows retention cohorts by join month × months since joining, in Japanese', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(`${suite.path}.json`).expect(200);
    expect(res.body.cohorts).to.deep.equal([
      { month: '2026-01', size: 2, active: [1, 0, 1, 0] },
      { month: '2026-02', size: 2, active: [1, 0, 0] },
    ]);
    const page = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(page.text).to.include('2026年1月');
    expect(page.text).to.include('2 人中 1 人（50%）');
  });

  it('answers bad filters with what to fix and 400', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent
      .get(`${suite.path}?joinMonth=2026-13&leaveYear=1800`)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(res.text).to.include('Enter the join month as YYYY-MM.');
    expect(res.text).to.include('The leave year must be between 1980 and 2026.');
  });
});
