/**
 * The members directory, its CSV and JSON, and the member page over HTTP; erasure of a profile
 * removing the member's activity rows while the guild's aggregates stay.
 */
import { expect } from 'chai';
import { dashboardApp, signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { setVisibility } from '../../../shared/know/profile.service.js';
import { JoinAttribution } from '../../../shared/connect/join-attribution.model.js';
import { MixerAttendance } from '../../../shared/deepen/mixer/mixer-attendance.model.js';
import { createActivityCounter } from '../../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../../shared/insights/activity-store.js';
import { GuildHour, MemberDay } from '../../../shared/insights/rollup.model.js';
import { activityPart } from '../../../shared/insights/personal-data.js';
import { createPersonalData, profilePart } from '../../../shared/kernel/personal-data.service.js';
import { silentLogger } from '../../../shared/logger.js';

const NOW = Date.parse('2026-04-15T03:00:00Z');
const d = (iso: string) => new Date(iso);
const FORMULA = '=HYPERLINK("http://x","y")';

describe('dashboard members directory and member page', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_directory', '/insights/directory');
  const names = async (agent: Awaited<ReturnType<typeof signedIn>>, query = '') =>
    (await agent.get(`${suite.path}.json${query}`).expect(200)).body.members.map(
      (m: { name: string }) => m.name,
    );

  beforeEach(async () => {
    const g = suite.world.guildA;
    await seedMember(g, {
      n: 1,
      joinedAt: d('2026-01-05T00:00:00Z'),
      name: 'ヤマダ ハナコ',
      attributes: { leaveYear: 2020, industry: 'it', region: 'kanto', lifeStages: ['parenting'] },
    });
    await seedMember(g, {
      n: 2,
      joinedAt: d('2026-01-10T00:00:00Z'),
      name: 'Sato Ken',
      attributes: { leaveYear: 2021, industry: 'finance', region: 'kansai' },
    });
    await seedMember(g, {
      n: 3,
      joinedAt: d('2026-02-03T00:00:00Z'),
      name: FORMULA,
      attributes: { leaveYear: 2020, industry: 'it' },
    });
    await seedMember(g, { n: 4, joinedAt: d('2026-02-04T00:00:00Z') });
    await JoinAttribution.create({
      guildId: g,
      userId: uid(2),
      method: 'invite',
      code: 'abc',
      inviterId: uid(1),
      label: '2021 Finance',
      joinedAt: d('2026-01-10T00:00:00Z'),
    });
    await MixerAttendance.create({ guildId: g, runId: 'r1', userId: uid(2), at: d('2026-02-01T11:00:00Z') });
    await setVisibility({ guildId: g, userId: uid(1), visibility: { industry: 'staff' } });
    const counter = createActivityCounter({
      store: mongooseActivityStore,
      clock: { now: () => new Date(NOW) },
      logger: silentLogger(),
    });
    for (let i = 0; i < 5; i++) counter.message(g, 'c', uid(2), d('2026-03-06T01:00:00Z'));
    counter.message(g, 'c', uid(1), d('2026-03-07T01:00:00Z'));
    await counter.flush(); // written whatever the load (close() gives up after its bound)
    await counter.close();
    suite.app = dashboardApp(suite.world, { now: () => NOW });
  });

  it('searches by name across widths and case, filters by attributes, intro and attendance', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    expect(await names(agent, `?q=${encodeURIComponent('ﾔﾏﾀﾞ')}`)).to.deep.equal(['ヤマダ ハナコ']);
    expect(await names(agent, '?q=sato')).to.deep.equal(['Sato Ken']);
    expect((await names(agent, '?industry=it&leaveYear=2020')).length).to.equal(2);
    expect(await names(agent, '?lifeStage=parenting')).to.deep.equal(['ヤマダ ハナコ']);
    expect(await names(agent, '?attended=yes')).to.deep.equal(['Sato Ken']);
    expect((await names(agent, '?introduced=no')).length).to.equal(1);
  });

  it('sorts by any column, empty values last in both directions', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const byMessages = await names(agent, '?sort=messages&dir=desc');
    expect(byMessages.slice(0, 2)).to.deep.equal(['Sato Ken', 'ヤマダ ハナコ']);
    const byYear = (
      await agent.get(`${suite.path}.json?sort=leaveYear&dir=desc`).expect(200)
    ).body.members.map((m: { leaveYear: number | null }) => m.leaveYear);
    expect(byYear).to.deep.equal([2021, 2020, 2020, null]);
    const page = await agent
      .get(`${suite.path}?sort=messages&dir=desc`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(page.text).to.match(/aria-sort="descending"><a href="[^"]*sort=messages&amp;dir=asc/);
    const bad = await agent.get(`${suite.path}?sort=password`).set('Accept-Language', 'en').expect(400);
    expect(bad.text).to.include('That column cannot be sorted.');
  });

  it('exports a CSV that Excel in Japan opens: UTF-8 BOM, Japanese headers, formulas escaped', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent
      .get(`${suite.path}.csv`)
      .set('Accept-Language', 'ja')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = body.subarray(3).toString('utf8');
    expect(res.headers['content-type']).to.match(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).to.match(/attachment/);
    expect(text.split('\r\n')[0]).to.match(/^名前,ユーザー ID,Discord ユーザー名,退職年,業界/);
    expect(text).to.include(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).to.include('IT・通信');
  });

  it('shows a member page: profile within visibility, activity, events, who invited them and whom they invited', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const sato = await agent
      .get(`${suite.path}/${uid(2)}`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(sato.text).to.include('Sato Ken');
    expect(sato.text).to.include('ヤマダ ハナコ'); // invited by
    expect(sato.text).to.include('Invite cohort: 2021 Finance');
    expect(sato.text).to.include('Voice mixer');
    const hanako = await agent
      .get(`${suite.path}/${uid(1)}`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(hanako.text).to.include('Sato Ken'); // whom she invited
    expect(hanako.text.match(/data-testid="profile-field"/g)?.length).to.be.greaterThan(2);
    const asStaff = await agent
      .get(`${suite.path}/${uid(1)}?as=staff`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(asStaff.text.match(/data-testid="profile-field"/g)).to.have.length(1); // only industry is open to staff
    expect(asStaff.text).to.not.include('Kanto');
    await agent.get(`${suite.path}/123456789012345678`).expect(404);
  });

  it('GIVEN a profile is deleted THEN the member’s rows go, the guild’s hours stay', async () => {
    const g = suite.world.guildA;
    const rights = createPersonalData([profilePart, activityPart]);
    const exported = await rights.exportPersonalData(g, uid(2));
    expect((exported.activity as { days: { messages: number }[] }).days).to.deep.equal([
      { day: '2026-03-06', messages: 5, voiceMinutes: 0 },
    ]);
    const report = await rights.erasePersonalData(g, uid(2));
    expect(report.activityDaysDeleted).to.equal(1);
    expect(await MemberDay.countDocuments({ guildId: g, userId: uid(2) })).to.equal(0);
    const hours = await GuildHour.find({ guildId: g }).lean();
    expect(hours.reduce((n, r) => n + r.messages, 0)).to.equal(6);
    const agent = await signedIn(suite.app, suite.world.people.manager);
    expect(await names(agent)).to.not.include('Sato Ken');
  });
});
