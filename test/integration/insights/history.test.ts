/** The sandbox's 90 days of generated history, written through the real counter into the rollups. */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { silentLogger } from '../../../shared/logger.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { seedActivityHistory } from '../../../sandbox/community/history.js';
import type { DemoCommunity } from '../../../sandbox/community/seed.js';
import { GuildHour, MemberDay } from '../../../shared/insights/rollup.model.js';
import { loadTrends } from '../../../shared/insights/trends.service.js';

const NOW = new Date('2026-06-30T03:00:00Z');

function demo(): DemoCommunity {
  const alumni = Array.from({ length: 25 }, (_, i) => ({
    user: { id: `2000000000000000${String(i).padStart(2, '0')}` },
  }));
  return {
    guildId: '900000000000000077',
    channels: { welcome: 'w1', introductions: 'i1', events: 'e1', general: 'g1', lobby: 'l1' },
    alumni,
  } as unknown as DemoCommunity;
}

describe('sandbox activity history', function () {
  this.timeout(60_000);
  useMongoose('insights_history');
  before(ensureIndexes);

  it('GIVEN a fresh guild THEN 90 days of messages, voice at Saturday mixers and join waves fill the Trends page, once', async () => {
    const community = demo();
    const written = await seedActivityHistory({ demo: community, logger: silentLogger(), now: NOW });
    expect(written).to.be.greaterThan(1000);
    const data = await loadTrends(community.guildId, {
      period: { from: '2026-04-01', to: '2026-06-29' },
      size: 'week',
      activeMinutes: 10,
      zone: 'Asia/Tokyo',
    });
    expect(data.series.messages!.filter((n) => n > 0).length).to.be.greaterThan(10);
    expect(data.series.voiceMinutes!.filter((n) => n > 0).length).to.be.greaterThan(8);
    expect(data.series.active!.some((n) => n >= 5)).to.equal(true);
    expect(Math.max(...data.series.joins!)).to.be.greaterThan(5); // a wave
    expect(data.topChannels[0]?.name).to.equal('general');
    // Voice is on Saturday evenings (20:00 JST): row 5 of the heatmap.
    const hours = await GuildHour.find({ guildId: community.guildId, voiceSeconds: { $gt: 0 } }).lean();
    expect(hours.every((h) => new Date(h.hour.getTime() + 9 * 3_600_000).getUTCDay() === 6)).to.equal(true);
    const rows = await MemberDay.countDocuments({ guildId: community.guildId });
    expect(await seedActivityHistory({ demo: community, logger: silentLogger(), now: NOW })).to.equal(0);
    expect(await MemberDay.countDocuments({ guildId: community.guildId })).to.equal(rows);
  });
});
