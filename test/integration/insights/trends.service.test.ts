/** The Trends data read from rollups on the embedded store (written by the real counter and store). */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { silentLogger } from '../../../shared/logger.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { createActivityCounter } from '../../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../../shared/insights/activity-store.js';
import { GuildActivity, GuildHour, MemberDay } from '../../../shared/insights/rollup.model.js';
import { recoverActivity, refreshActivity } from '../../../shared/insights/activity-rollup.js';
import { ACTIVE_MAX } from '../../../web/insights/trends-query.schema.js';
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
    // A week cut by the range counts only its days inside it, like the other series: a (8 March)
    // in the week of 2 March (c, on 6 March, is the previous period's); a, b and v (5 + 5 voice
    // minutes) in the week of 9 March.
    expect(weekly.series.active).to.deep.equal([1, 3]);
    expect(weekly.series.messages).to.deep.equal([1, 2]);
    // By hand: now (1 + 3) / 2 = 2; before (5–7 March, the same week of 2 March cut there) c only = 1.
    expect(weekly.figures.active).to.deep.equal({ value: 2, previous: 1, delta: 1, percent: 100 });
    const five = await loadTrends(G, {
      period: { from: '2026-03-08', to: '2026-03-10' },
      size: 'week',
      activeMinutes: 11,
      zone: 'America/New_York',
    });
    expect(five.series.active).to.deep.equal([1, 2]); // v's 10 minutes are below 11
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

  it('GIVEN member days with no active-member rows (older data, or marks lost in a crash) THEN the start-up recovery computes them, bounded', async () => {
    await updateGuildSettings(G, { timeZone: 'Asia/Tokyo' });
    const expiresAt = at('2030-01-01T00:00:00Z');
    const day = (d: string, userId: string, messages: number, voiceSeconds = 0) => ({
      guildId: G,
      userId,
      day: d,
      messages,
      voiceSeconds,
      expiresAt,
    });
    // Written straight into the member days, as before the rollup existed: no counter, no rows.
    await MemberDay.insertMany([
      day('2026-02-10', 'a', 3), // Tuesday, 38 days before "now": missing rows → recovered
      day('2026-02-11', 'b', 0, 900), // 15 voice minutes, same week
      day('2026-03-17', 'a', 1), // 3 days before "now": recent → recomputed even with a row
      day('2025-09-01', 'a', 5), // beyond the 90 days looked at: left alone
    ]);
    // A stale row of the recent week (the crash happened before its recompute), and a row of an
    // older finished week that must not be read again (bounded: only missing or recent weeks).
    await GuildActivity.create([
      { guildId: G, span: 'week', start: '2026-03-16', messagers: 0, voiceOnly: {} },
      { guildId: G, span: 'week', start: '2026-02-23', messagers: 42, voiceOnly: {} },
    ]);
    expect(await recoverActivity(at('2026-03-20T00:00:00Z'))).to.equal(2);
    const trends = await loadTrends(G, {
      period: { from: '2026-02-09', to: '2026-03-22' },
      size: 'week',
      activeMinutes: 10,
      zone: 'Asia/Tokyo',
    });
    expect(trends.labels[0]).to.equal('2026-02-09');
    expect(trends.series.active).to.deep.equal([2, 0, 42, 0, 0, 1]);
    const daily = await loadTrends(G, {
      period: { from: '2026-02-10', to: '2026-02-11' },
      size: 'day',
      activeMinutes: 10,
      zone: 'Asia/Tokyo',
    });
    expect(daily.series.active).to.deep.equal([1, 1]);
    expect(await GuildActivity.countDocuments({ start: { $lt: '2025-10-01' } })).to.equal(0);
    // Idempotent: a second start gives the same rows (only the recent week again).
    expect(await recoverActivity(at('2026-03-20T00:00:00Z'))).to.equal(1);
    expect(await GuildActivity.countDocuments({ guildId: G, span: 'week' })).to.equal(3);
  });

  it('GIVEN the page’s highest threshold THEN voice time over the stored cap still counts at it', async () => {
    const expiresAt = at('2030-01-01T00:00:00Z');
    await MemberDay.insertMany([
      { guildId: G, userId: 'long', day: '2026-03-09', messages: 0, voiceSeconds: 11 * 3600, expiresAt },
      { guildId: G, userId: 'short', day: '2026-03-09', messages: 0, voiceSeconds: 60, expiresAt },
    ]);
    await refreshActivity([{ guildId: G, day: '2026-03-09' }]);
    const data = await loadTrends(G, {
      period: { from: '2026-03-09', to: '2026-03-09' },
      size: 'day',
      activeMinutes: ACTIVE_MAX,
      zone: 'Asia/Tokyo',
    });
    expect(data.series.active).to.deep.equal([1]); // 660 minutes, kept as the cap, are ≥ the page's maximum
  });

  it('GIVEN a row computed later by another worker THEN an older computation does not overwrite it', async () => {
    const expiresAt = at('2030-01-01T00:00:00Z');
    await MemberDay.create({
      guildId: G,
      userId: 'a',
      day: '2026-03-09',
      messages: 1,
      voiceSeconds: 0,
      expiresAt,
    });
    const later = new Date(Date.now() + 60_000);
    await GuildActivity.create({
      guildId: G,
      span: 'day',
      start: '2026-03-09',
      messagers: 7,
      voiceOnly: {},
      computedAt: later,
    });
    await refreshActivity([{ guildId: G, day: '2026-03-09' }]); // no error: the newer row wins
    const day = await GuildActivity.findOne({ guildId: G, span: 'day', start: '2026-03-09' }).lean();
    expect(day).to.include({ messagers: 7 });
    const week = await GuildActivity.findOne({ guildId: G, span: 'week', start: '2026-03-09' }).lean();
    expect(week).to.include({ messagers: 1 }); // the other rows of the same computation are written
    await GuildActivity.updateOne({ _id: day!._id }, { $set: { computedAt: new Date(0) } });
    await refreshActivity([{ guildId: G, day: '2026-03-09' }]);
    expect(await GuildActivity.findOne({ _id: day!._id }).lean()).to.include({ messagers: 1 });
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
