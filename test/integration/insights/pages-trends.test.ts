/**
 * The Trends page (/guilds/:guildId/insights/trends) over HTTP: real app, emulator login and
 * access, rollups written by the real counter on the embedded store.
 */
import { expect } from 'chai';
import request from 'supertest';
import { dashboardApp, signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { silentLogger } from '../../../shared/logger.js';
import { createActivityCounter } from '../../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../../shared/insights/activity-store.js';

const NOW = Date.parse('2026-06-10T03:00:00Z'); // 12:00 in Tokyo, 10 June

function decode(attribute: string): string {
  return attribute
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('dashboard Trends page', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_trends', '/insights/trends');

  beforeEach(async () => {
    const g = suite.world.guildA;
    const counter = createActivityCounter({
      store: mongooseActivityStore,
      clock: { now: () => new Date(NOW) },
      logger: silentLogger(),
    });
    // This week (4–10 June, Tokyo): 6 messages from 2 people, 1 join. The week before: 2 messages, 2 joins.
    for (let i = 0; i < 4; i++) counter.message(g, '111', 'a', new Date('2026-06-08T01:00:00Z'), 'general');
    for (let i = 0; i < 2; i++) counter.message(g, '222', 'b', new Date('2026-06-09T11:00:00Z'), 'random');
    counter.member(g, 'n1', 'joins', new Date('2026-06-05T00:00:00Z'));
    counter.message(g, '111', 'c', new Date('2026-06-01T01:00:00Z'), 'general');
    counter.message(g, '111', 'c', new Date('2026-06-02T01:00:00Z'), 'general');
    counter.member(g, 'n2', 'joins', new Date('2026-06-01T00:00:00Z'));
    counter.member(g, 'n3', 'joins', new Date('2026-06-02T00:00:00Z'));
    // Another guild's activity never shows here.
    counter.message(suite.world.guildB, '999', 'z', new Date('2026-06-08T01:00:00Z'), 'beta');
    await counter.flush(); // written whatever the load (close() gives up after its bound)
    await counter.close();
    suite.app = dashboardApp(suite.world, { now: () => NOW });
  });

  it('shows each figure with Δ and % against the previous 7 days, in Japanese', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(`${suite.path}?range=7`).set('Accept-Language', 'ja').expect(200);
    expect(res.text).to.include('参加のトレンド');
    expect(res.text).to.match(/data-testid="delta-messages">\+4 \(\+200%\)/);
    expect(res.text).to.match(/data-testid="delta-joins">−1 \(−50%\)/);
    // Active members: the average per day, 2 person-days ÷ 7 in both weeks (a, b now; c twice before).
    expect(res.text).to.match(/data-testid="delta-active">±0 \(±0%\)/);
    expect(res.text).to.match(/data-testid="figure-active">[\s\S]*?<span class="figure">0\.3<\/span>/);
    expect(res.text).to.include('#general');
    expect(res.text).to.not.include('#beta');
    // Attendance comes from the deepen slice's records (none here): measured, and zero.
    expect(res.text).to.match(/data-testid="delta-attendance">±0 \(±0%\)/);
  });

  it('hands the chart data to the static script as JSON in a data attribute, with no inline script', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(`${suite.path}?range=7&bucket=day`).set('Accept-Language', 'en').expect(200);
    const attribute = /data-trends="([^"]*)"/.exec(res.text)?.[1];
    const spec = JSON.parse(decode(attribute!)) as {
      labels: string[];
      charts: { id: string; datasets: { data: number[] }[] }[];
    };
    expect(spec.labels).to.deep.equal(['4 Jun', '5 Jun', '6 Jun', '7 Jun', '8 Jun', '9 Jun', '10 Jun']);
    expect(spec.charts.find((c) => c.id === 'messages')!.datasets[0]!.data).to.deep.equal([
      0, 0, 0, 0, 4, 2, 0,
    ]);
    expect(res.text).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.headers['content-security-policy']).to.include("script-src 'self'");
  });

  it('folds weekly buckets, and heatmap hours in the guild zone (01:00Z on Monday is 10:00 in Tokyo)', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(`${suite.path}.json?range=28&bucket=week`).expect(200);
    expect(res.body.zone).to.equal('Asia/Tokyo');
    expect(res.body.labels).to.deep.equal([
      '2026-05-11',
      '2026-05-18',
      '2026-05-25',
      '2026-06-01',
      '2026-06-08',
    ]);
    expect(res.body.series.messages).to.deep.equal([0, 0, 0, 2, 6]);
    expect(res.body.heatmap[0][10]).to.equal(5); // Mondays 8 June (4) and 1 June (1), 10:00 JST
  });

  it('answers a bad custom period with what to fix, in the visitor’s language, and 400', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent
      .get(`${suite.path}?range=custom&from=2026-06-10&to=2026-06-01`)
      .set('Accept-Language', 'en')
      .expect(400);
    expect(res.text).to.include('The start date must not be after the end date.');
    const json = await agent
      .get(`${suite.path}.json?range=custom&from=2026-13-01&to=2026-06-01&active=0`)
      .expect(400);
    expect(json.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['from', 'active']);
  });

  it('serves Chart.js from the project’s own dependency, and refuses people without access', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const script = await agent
      .get(`/guilds/${suite.world.guildA}/insights/vendor/chart.umd.min.js`)
      .expect(200);
    expect(script.headers['content-type']).to.match(/javascript/);
    expect(script.text).to.include('Chart');
    const outsider = await signedIn(suite.app, suite.world.people.member);
    const refused = await outsider.get(suite.path);
    expect(refused.status).to.be.oneOf([403, 404]);
    await request(suite.app).get(suite.path).expect(303); // to the login
  });
});
