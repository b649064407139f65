/**
 * The sandbox's events seeding end to end: the organiser schedules this week's themed mixers with
 * /event create through the real bot, alumni answer the RSVP buttons, and past occurrences hold
 * attendance, so the events page has upcoming and past data from the first minute.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { pino } from 'pino';
import { createAgenda } from '../../../../shared/db/agenda.js';
import { ensureIndexes } from '../../../../shared/db/indexes.js';
import { loadConfig } from '../../../../shared/config.js';
import { EventOccurrence, EventSeries } from '../../../../shared/deepen/events/event.model.js';
import { feedbackByOccurrence } from '../../../../shared/deepen/events/mixer-links.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { startBot, type RunningBot } from '../../../../bot/start-bot.js';
import { deployCommands } from '../../../../bot/deploy-commands.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../../../sandbox/discord/index.js';
import { seedDemoCommunity } from '../../../../sandbox/community/seed.js';
import { startCommunitySimulation, type RunningSimulation } from '../../../../sandbox/community/simulator.js';
import { startEventsDemo } from '../../../../sandbox/community/events.js';
import { testDatabaseUri, uniqueDbName } from '../../../support/database.js';

describe('sandbox events seeding (end to end through the emulator)', function () {
  this.timeout(90_000);
  let emulator: DiscordEmulator;
  let bot: RunningBot;
  let simulation: RunningSimulation;
  const logger = pino({ level: 'silent' });

  before(async () => {
    await mongoose.connect(testDatabaseUri(), {
      dbName: uniqueDbName('sbxevents'),
      serverSelectionTimeoutMS: 5000,
    });
    await ensureIndexes();
    emulator = await startDiscordEmulator({ logger });
  });
  after(async () => {
    simulation?.stop();
    await bot?.stop();
    await emulator?.stop();
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
  });

  it("seeds this week's themed events through /event create, RSVPs, and past occurrences with attendance", async () => {
    const demo = seedDemoCommunity(emulator, { alumniCount: 8 });
    const agenda = createAgenda({
      db: mongoose.connection.db as unknown as Db,
      processEveryMs: 200,
      name: 'sbx-events',
    });
    await deployCommands({
      token: emulator.botToken,
      applicationId: emulator.application.id,
      guildId: demo.guildId,
      restApi: emulator.restBase,
    });
    bot = await startBot({
      token: emulator.botToken,
      restApi: emulator.restBase,
      config: loadConfig({ NODE_ENV: 'test' }),
      logger,
      agenda,
    });
    await agenda.start();
    simulation = startCommunitySimulation({
      emulator,
      demo,
      logger,
      firstWave: 8,
      firstWaveIntervalMs: 100,
      introRate: 1,
    });
    await startEventsDemo({
      emulator,
      demo,
      logger,
      ready: simulation.ready,
      wantedPeople: 8,
      waitForPeopleMs: 30_000,
    }).done;

    expect(await EventSeries.countDocuments({ guildId: demo.guildId })).to.equal(7);
    const upcoming = await EventOccurrence.find({ guildId: demo.guildId, status: 'scheduled' }).lean();
    expect(upcoming.length).to.be.at.least(3);
    for (const occ of upcoming) {
      expect(occ.discordEventId, occ.title).to.be.a('string');
      expect(emulator.state.scheduledEvents.get(demo.guildId, occ.discordEventId!).channelId).to.equal(
        demo.channels.lobby,
      );
    }
    expect(upcoming.flatMap((o) => o.rsvps).length).to.be.at.least(10);
    const past = await EventOccurrence.find({ guildId: demo.guildId, status: 'completed' }).lean();
    expect(past).to.have.length(4);
    for (const occ of past) expect(occ.attendance.length, occ.title).to.be.greaterThan(0);
    // Each past occurrence ran its mixer (linked by eventId) and has its participants' ratings.
    const feedback = await feedbackByOccurrence(past.map((o) => String(o._id)));
    for (const occ of past) {
      const run = await MixerRun.findOne({ eventId: String(occ._id) }).lean();
      expect(run, occ.title).to.deep.include({ status: 'done', guildId: demo.guildId });
      const summary = feedback.get(String(occ._id));
      expect(summary?.count, occ.title).to.be.greaterThan(0);
      expect(summary!.average).to.be.within(1, 5);
    }

    // Restored sandboxes do not seed twice.
    await startEventsDemo({ emulator, demo, logger, ready: Promise.resolve() }).done;
    expect(await EventSeries.countDocuments({ guildId: demo.guildId })).to.equal(7);
  });
});
