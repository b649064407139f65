/** The sandbox's 90 days of generated history, written through the real counter into the rollups. */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { silentLogger } from '../../../shared/logger.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { seedActivityHistory } from '../../../sandbox/community/history.js';
import type { DemoCommunity } from '../../../sandbox/community/seed.js';
import { ChannelDay, GuildActivity, GuildHour, MemberDay } from '../../../shared/insights/rollup.model.js';
import { JoinAttribution } from '../../../shared/connect/join-attribution.model.js';
import { MemberEvent } from '../../../shared/connect/member-event.model.js';
import { loadTrends } from '../../../shared/insights/trends.service.js';
import { loadFunnel } from '../../../shared/insights/funnel.service.js';
import { deepenAttendance } from '../../../shared/insights/deepen-attendance.js';
import { localDayOf } from '../../../shared/insights/hours.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { MixerAttendance } from '../../../shared/deepen/mixer/mixer-attendance.model.js';

const NOW = new Date('2026-06-30T03:00:00Z');

function demo(): DemoCommunity {
  const alumni = Array.from({ length: 60 }, (_, i) => ({
    user: { id: `2000000000000000${String(i).padStart(2, '0')}` },
    profile: {
      displayName: `卒業生 ${i}`,
      departmentThen: '2015〜2022 営業部',
      roleNow: 'エンジニア',
      greeting: 'よろしくお願いします',
      leaveYear: 2015 + (i % 10),
      tenureBand: null,
      industry: i % 2 ? 'it' : 'finance',
      region: 'kanto',
      ageBand: null,
      lifeStages: [],
    },
  }));
  return {
    guildId: '900000000000000077',
    channels: { welcome: 'w1', introductions: 'i1', events: 'e1', general: 'g1', lobby: 'l1' },
    roles: { alumni: { id: 'r-alumni' }, introduced: { id: 'r-intro' } },
    cohorts: [
      { label: '2024 秋', code: undefined },
      { label: '2025 春', code: undefined },
    ],
    alumni,
    arrived: 0,
  } as unknown as DemoCommunity;
}

describe('sandbox activity history', function () {
  this.timeout(60_000);
  useMongoose('insights_history');
  before(ensureIndexes);

  it('GIVEN a fresh guild THEN 90 days of messages, voice at Saturday mixers and join waves fill the Trends page, once', async () => {
    const community = demo();
    const written = await seedActivityHistory({ demo: community, logger: silentLogger(), now: NOW });
    expect(written.events).to.be.greaterThan(1000);
    expect(written.arrived).to.equal(24); // 40% of 60 joined during the history
    const data = await loadTrends(community.guildId, {
      period: { from: '2026-04-01', to: '2026-06-29' },
      size: 'week',
      activeMinutes: 10,
      zone: 'Asia/Tokyo',
    });
    expect(data.series.messages!.filter((n) => n > 0).length).to.be.greaterThan(10);
    expect(data.series.voiceMinutes!.filter((n) => n > 0).length).to.be.greaterThan(8);
    expect(
      data.series.active!.some((n) => n >= 5),
      String(data.series.active),
    ).to.equal(true);
    expect(Math.max(...data.series.joins!)).to.be.at.least(3); // a wave
    expect(data.topChannels[0]?.name).to.equal('general');
    // Voice is on Saturday evenings (20:00 JST): row 5 of the heatmap.
    const hours = await GuildHour.find({ guildId: community.guildId, voiceSeconds: { $gt: 0 } }).lean();
    expect(hours.every((h) => new Date(h.hour.getTime() + 9 * 3_600_000).getUTCDay() === 6)).to.equal(true);
    const rows = await MemberDay.countDocuments({ guildId: community.guildId });
    // Written once; a second run leaves arrivals to the handle (a restored one counts the guild's members).
    expect(
      await seedActivityHistory({ demo: { ...community, arrived: 24 }, logger: silentLogger(), now: NOW }),
    ).to.deep.equal({ events: 0, arrived: 24 });
    expect(await MemberDay.countDocuments({ guildId: community.guildId })).to.equal(rows);
  });

  it('GIVEN a run stopped after the members were recorded, before the counters were written THEN the rerun adds no attribution or intro twice', async () => {
    const community = demo();
    await seedActivityHistory({ demo: community, logger: silentLogger(), now: NOW });
    const attributions = await JoinAttribution.countDocuments({ guildId: community.guildId });
    const intros = await MemberEvent.aggregate<{ n: number }>([
      { $match: { guildId: community.guildId, kind: 'intro' } },
      { $group: { _id: null, n: { $sum: '$count' } } },
    ]);
    expect(attributions).to.be.greaterThan(0);
    // As if the process stopped before its one flush: members recorded, no counters.
    for (const model of [GuildHour, MemberDay, ChannelDay, GuildActivity])
      await (model as typeof GuildHour).deleteMany({ guildId: community.guildId });
    const again = await seedActivityHistory({ demo: community, logger: silentLogger(), now: NOW });
    expect(again.events).to.be.greaterThan(1000);
    expect(await JoinAttribution.countDocuments({ guildId: community.guildId })).to.equal(attributions);
    expect(
      await MemberEvent.aggregate([
        { $match: { guildId: community.guildId, kind: 'intro' } },
        { $group: { _id: null, n: { $sum: '$count' } } },
      ]),
    ).to.deep.equal(intros);
  });

  it('GIVEN the history THEN every member’s activity comes after their join, and the funnel and cohorts span the join waves', async () => {
    const community = demo();
    await seedActivityHistory({ demo: community, logger: silentLogger(), now: NOW });
    const profiles = await Profile.find({ guildId: community.guildId }).lean();
    expect(profiles).to.have.length(24);
    const joinDay = new Map(profiles.map((p) => [p.userId, localDayOf(p.joinedAt!, 'Asia/Tokyo')]));
    const rows = await MemberDay.find({ guildId: community.guildId }).lean();
    expect(rows.length).to.be.greaterThan(100);
    for (const row of rows) expect(row.day >= joinDay.get(row.userId)!, row.userId).to.equal(true);
    const attended = await MixerAttendance.find({ guildId: community.guildId }).lean();
    expect(attended.length).to.be.greaterThan(10);
    for (const a of attended)
      expect(a.at.getTime()).to.be.greaterThan(
        profiles.find((p) => p.userId === a.userId)!.joinedAt!.getTime(),
      );
    for (const p of profiles)
      if (p.introducedAt) expect(p.introducedAt.getTime()).to.be.greaterThan(p.joinedAt!.getTime());
    const data = await loadFunnel(
      community.guildId,
      { filter: {}, zone: 'Asia/Tokyo', now: NOW, activeMinutes: 10 },
      deepenAttendance,
    );
    expect(data.options.joinMonths.length).to.be.at.least(3); // April, May, June (and March)
    expect(data.options.cohorts).to.deep.equal(['2024 秋', '2025 春']);
    const counts = Object.fromEntries(data.steps.map((s) => [s.step, s.count]));
    expect(counts.joined).to.equal(24);
    expect(counts.introduced).to.be.within(10, 23);
    expect(counts.attended).to.be.greaterThan(5);
    expect(counts.cameBack).to.be.greaterThan(0);
    expect(data.cohorts.length).to.be.at.least(3);
    // The oldest cohort has been followed for several months, with people still active.
    const oldest = [...data.cohorts].sort((a, b) => a.month.localeCompare(b.month))[0]!;
    expect(oldest.active.filter((n) => n !== null).length).to.be.at.least(3);
    expect(oldest.active[1]).to.be.greaterThan(0);
  });
});
