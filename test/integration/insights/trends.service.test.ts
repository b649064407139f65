/** The Trends data read from rollups on the embedded store (written by the real counter and store). */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { silentLogger } from '../../../shared/logger.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { createActivityCounter } from '../../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../../shared/insights/activity-store.js';
import { GuildHour, MemberDay } from '../../../shared/insights/rollup.model.js';
import { loadTrends } from '../../../shared/insights/trends.service.js';
import { countMemberEvent } from '../../../shared/connect/member-events.service.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';

const G = '900000000000000001';
const at = (iso: string) => new Date(iso);

describe('trends read from the rollups', function () {
  this.timeout(20_000);
  useMongoose('insights_trends');
  before(ensureIndexes);

  async function record(zone: string, events: (c: ReturnType<typeof createActivityCounter>) => void) {
    await updateGuildSettings(G, { timeZone: zone });
    const counter = createActivityCounter({
      store: mongooseActivityStore,
      clock: { now: () => at('2026-03-20T00:00:00Z') },
      logger: silentLogger(),
    });
    events(counter);
    await counter.close();
  }

  it('GIVEN a New York guild THEN days, the previous period, active members, intros and top channels are folded locally', async () => {
    await record('America/New_York', (c) => {
      // 03:30Z on 9 March is still 8 March in New York.
      c.message(G, 'general', 'a', at('2026-03-09T03:30:00Z'));
      c.message(G, 'general', 'a', at('2026-03-09T15:00:00Z'));
      c.message(G, 'random', 'b', at('2026-03-09T15:10:00Z'));
      c.member(G, 'n1', 'joins', at('2026-03-09T12:00:00Z'));
      c.member(G, 'n2', 'joins', at('2026-03-06T12:00:00Z')); // previous period
      c.member(G, 'n3', 'leaves', at('2026-03-09T13:00:00Z'));
      c.message(G, 'general', 'c', at('2026-03-06T12:00:00Z')); // previous period
      // 5 voice minutes on each of two days: active over the period (10 min), on neither day alone.
      c.voice(G, 'v', 'lounge', at('2026-03-09T14:00:00Z'));
      c.voice(G, 'v', null, at('2026-03-09T14:05:00Z'));
      c.voice(G, 'v', 'lounge', at('2026-03-10T14:00:00Z'));
      c.voice(G, 'v', null, at('2026-03-10T14:05:00Z'));
    });
    await countMemberEvent(G, 'intro', at('2026-03-09T16:00:00Z'));
    const data = await loadTrends(G, {
      period: { from: '2026-03-08', to: '2026-03-10' },
      size: 'day',
      activeMinutes: 10,
      zone: 'America/New_York',
    });
    expect(data.labels).to.deep.equal(['2026-03-08', '2026-03-09', '2026-03-10']);
    expect(data.series.messages).to.deep.equal([1, 2, 0]);
    expect(data.series.active).to.deep.equal([1, 2, 0]);
    expect(data.series.intros).to.deep.equal([0, 1, 0]);
    expect(data.series.attendance).to.equal(null); // no source: not measured, not zero
    expect(data.figures.joins).to.deep.equal({ value: 1, previous: 1, delta: 0, percent: 0 });
    expect(data.figures.net).to.deep.equal({ value: 0, previous: 1, delta: -1, percent: -100 });
    expect(data.figures.messages).to.deep.equal({ value: 3, previous: 1, delta: 2, percent: 200 });
    expect(data.figures.active).to.include({ value: 3, previous: 1 }); // a, b, and v by voice
    const weekly = await loadTrends(G, {
      period: { from: '2026-03-08', to: '2026-03-10' },
      size: 'week',
      activeMinutes: 10,
      zone: 'America/New_York',
    });
    expect(weekly.labels).to.deep.equal(['2026-03-02', '2026-03-09']);
    expect(weekly.series.active).to.deep.equal([1, 3]); // the week of 9 March gives v 10 minutes
    expect(data.topChannels.map((t) => [t.channelId, t.messages])).to.deep.equal([
      ['general', 2],
      ['random', 1],
      ['lounge', 0], // 10 voice minutes, no messages
    ]);
    // 15:00Z on Monday 9 March is 11:00 in New York (EDT since 8 March).
    expect(data.heatmap[0]![11]).to.equal(2);
  });

  it('GIVEN attendance from its source THEN it is counted by local day', async () => {
    await record('Asia/Tokyo', () => undefined);
    const source = {
      attendances: async () => [{ userId: 'a', at: at('2026-03-09T16:00:00Z'), occasion: 'e1' }],
    };
    const data = await loadTrends(
      G,
      {
        period: { from: '2026-03-09', to: '2026-03-10' },
        size: 'day',
        activeMinutes: 10,
        zone: 'Asia/Tokyo',
      },
      source,
    );
    expect(data.series.attendance).to.deep.equal([0, 1]); // 01:00 on 10 March in Tokyo
  });

  it('declares TTL expiry on per-member rows, not on the guild hours', async () => {
    const indexes = await MemberDay.collection.indexes();
    expect(indexes.find((i) => i.key.expiresAt === 1)?.expireAfterSeconds).to.equal(0);
    expect((await GuildHour.collection.indexes()).some((i) => i.expireAfterSeconds !== undefined)).to.equal(
      false,
    );
    await record('Asia/Tokyo', (c) => c.message(G, 'general', 'a', at('2026-03-09T01:00:00Z')));
    const guildHour = await GuildHour.findOne().lean();
    const memberDay = await MemberDay.findOne().lean();
    expect(guildHour).to.not.have.property('expiresAt');
    expect(memberDay?.expiresAt?.toISOString()).to.equal(
      new Date(Date.parse('2026-03-08T15:00:00Z') + 800 * 86_400_000).toISOString(),
    );
  });
});
