/**
 * A restarted sandbox finds its demo guild instead of seeding a second one: the same handle
 * (guild, organiser, roles, channels, cohort invites, alumni users) and how far the arrivals got.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../shared/logger.js';
import { startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { driversFor } from '../../../sandbox/discord/drivers.js';
import { findDemoCommunity, seedDemoCommunity } from '../../../sandbox/community/seed.js';

const start = (dataDir: string) =>
  startDiscordEmulator({ logger: silentLogger(), dataDir, saveDelayMs: 20, clockTickMs: 0 });

describe('Sandbox seed after a restart', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-seed-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the same demo community, with the cohort invites and the alumni who already arrived', async () => {
    const first = await start(dir);
    expect(findDemoCommunity(first, { alumniCount: 4 })).to.equal(undefined);
    const demo = seedDemoCommunity(first, { alumniCount: 4 });
    // What the organiser's `/invite create` leaves behind: invites made by the bot, in cohort order.
    for (const cohort of demo.cohorts)
      cohort.code = first.state.invites.create(demo.channels.welcome, {
        inviterId: first.botUser.id,
        maxAge: 0,
      }).code;
    const drivers = driversFor(first);
    drivers.memberJoin(demo.guildId, demo.alumni[0]!.user.id, { inviteCode: demo.cohorts[0]!.code! });
    drivers.memberJoin(demo.guildId, demo.alumni[1]!.user.id, { inviteCode: demo.cohorts[1]!.code! });
    await first.stop();

    const second = await start(dir);
    try {
      const again = seedDemoCommunity(second, { alumniCount: 6 });
      expect(second.state.guilds.list()).to.have.length(1);
      expect(again.guildId).to.equal(demo.guildId);
      expect(again.organiser.id).to.equal(demo.organiser.id);
      expect(again.roles.introduced.id).to.equal(demo.roles.introduced.id);
      expect(again.channels).to.deep.equal(demo.channels);
      expect(again.cohorts).to.deep.equal(demo.cohorts);
      expect(again.arrived).to.equal(2);
      // The first four are the same people; a larger SANDBOX_MEMBERS adds two new ones.
      expect(again.alumni.slice(0, 4).map((a) => a.user.id)).to.deep.equal(demo.alumni.map((a) => a.user.id));
      expect(again.alumni).to.have.length(6);
    } finally {
      await second.stop();
    }
  });
});
