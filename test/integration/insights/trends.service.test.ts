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
import { Types } from 'mongoose';
import { domainParticipation } from '../../../shared/insights/domain-participation.js';
import { RelayLink } from '../../../shared/know/relay-link.model.js';
import { EventOccurrence } from '../../../shared/deepen/events/event.model.js';
import { MixerFeedback } from '../../../shared/deepen/mixer/mixer-feedback.model.js';

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
    await counter.flush(); // written whatever the load (close() gives up after its bound)
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
    // The period's figure is the average per day: (1 + 2 + 0) / 3 now, (0 + 1 + 0) / 3 before.
    expect(data.figures.active).to.include({ value: 1, previous: 0.3 });
    const weekly = await loadTrends(G, {
      period: { from: '2026-03-08', to: '2026-03-10' },
      size: 'week',
      activeMinutes: 10,
      zone: 'America/New_York',
    });
    expect(weekly.labels).to.deep.equal(['2026-03-02', '2026-03-09']);
    // A week counts its whole ISO week: c (6 March) and a (8 March) in the week of 2 March;
    // a, b and v (5 + 5 voice minutes) in the week of 9 March.
    expect(weekly.series.active).to.deep.equal([2, 3]);
    const five = await loadTrends(G, {
      period: { from: '2026-03-08', to: '2026-03-10' },
      size: 'week',
      activeMinutes: 11,
      zone: 'America/New_York',
    });
    expect(five.series.active).to.deep.equal([2, 2]); // v's 10 minutes are below 11
    const daily5 = await loadTrends(G, {
      period: { from: '2026-03-08', to: '2026-03-10' },
      size: 'day',
      activeMinutes: 5,
      zone: 'America/New_York',
    });
    expect(daily5.series.active).to.deep.equal([1, 3, 1]); // v's 5 minutes a day count at N = 5
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

  it('GIVEN relay nominations, RSVPs and mixer feedback THEN they are counted by local day, "going" answers only', async () => {
    await record('Asia/Tokyo', () => undefined);
    const link = (nomineeId: string, nominatedAt: Date, position: number) => ({
      guildId: G,
      chainId: new Types.ObjectId(),
      position,
      fromUserId: 'a',
      nomineeId,
      nominatedAt,
      reminderDueAt: nominatedAt,
    });
    await RelayLink.create([
      link('b', at('2026-03-09T16:00:00Z'), 1), // 01:00 on 10 March in Tokyo
      link('c', at('2026-03-10T02:00:00Z'), 2),
      link('d', at('2026-03-01T02:00:00Z'), 3), // previous period
      { ...link('e', at('2026-03-10T02:00:00Z'), 4), guildId: '900000000000000099' }, // another guild
    ]);
    await EventOccurrence.collection.insertOne({
      guildId: G,
      rsvps: [
        { userId: 'a', answer: 'yes', waitlisted: false, at: at('2026-03-09T01:00:00Z') },
        { userId: 'b', answer: 'no', waitlisted: false, at: at('2026-03-09T02:00:00Z') },
        { userId: 'c', answer: 'yes', waitlisted: true, at: at('2026-03-10T03:00:00Z') },
      ],
    });
    await MixerFeedback.create({ guildId: G, runId: 'r1', userId: 'a', rating: 5 });
    const feedbackAt = at('2026-03-10T05:00:00Z');
    await MixerFeedback.collection.updateOne({ runId: 'r1' }, { $set: { createdAt: feedbackAt } });
    const data = await loadTrends(
      G,
      {
        period: { from: '2026-03-09', to: '2026-03-10' },
        size: 'day',
        activeMinutes: 10,
        zone: 'Asia/Tokyo',
      },
      undefined,
      domainParticipation,
    );
    expect(data.series.relaySteps).to.deep.equal([0, 2]);
    expect(data.series.rsvps).to.deep.equal([1, 1]);
    expect(data.series.feedback).to.deep.equal([0, 1]);
    expect(data.figures.relaySteps).to.include({ value: 2, previous: 0 });
    const without = await loadTrends(G, {
      period: { from: '2026-03-09', to: '2026-03-10' },
      size: 'day',
      activeMinutes: 10,
      zone: 'Asia/Tokyo',
    });
    expect(without.figures.rsvps).to.equal(null); // no source: not measured, not zero
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
