/**
 * The sandbox's voice mixers end to end: simulated alumni sit in the Lobby, the demo organiser
 * starts a mixer with /mixer start and its confirm button, people are moved into breakout rooms
 * under the realistic rate-limit profile, each room gets its prompt, and /mixer end brings
 * everyone back and deletes the rooms. Real discord.js, mongoose and agenda throughout.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { pino } from 'pino';
import { loadConfig } from '../../../../shared/config.js';
import { createAgenda } from '../../../../shared/db/agenda.js';
import { ensureIndexes } from '../../../../shared/db/indexes.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { startBot, type RunningBot } from '../../../../bot/start-bot.js';
import { deployCommands } from '../../../../bot/deploy-commands.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../../../sandbox/discord/index.js';
import { driversFor } from '../../../../sandbox/discord/drivers.js';
import { seedDemoCommunity, type DemoCommunity } from '../../../../sandbox/community/seed.js';
import { startCommunitySimulation, type RunningSimulation } from '../../../../sandbox/community/simulator.js';
import { startMixerDemo } from '../../../../sandbox/community/mixers.js';
import { testDatabaseUri, uniqueDbName } from '../../../support/database.js';

describe('sandbox voice mixers (end to end through the emulator)', function () {
  this.timeout(90_000);
  let emulator: DiscordEmulator;
  let demo: DemoCommunity;
  let bot: RunningBot;
  let simulation: RunningSimulation;
  let mixers: { stop(): void };
  let agenda: ReturnType<typeof createAgenda>;
  const logger = pino({ level: process.env.E2E_LOG ? 'debug' : 'silent' });

  before(async () => {
    await mongoose.connect(testDatabaseUri(), {
      dbName: uniqueDbName('sandbox_mixers'),
      serverSelectionTimeoutMS: 5000,
    });
    await ensureIndexes();
    emulator = await startDiscordEmulator({ logger });
    demo = seedDemoCommunity(emulator, { alumniCount: 9 });
    agenda = createAgenda({
      db: mongoose.connection.db as unknown as Db,
      processEveryMs: 200,
      name: 'mixers-e2e',
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
      firstWave: 9,
      firstWaveIntervalMs: 50,
      introRate: 0,
    });
    mixers = startMixerDemo({
      emulator,
      demo,
      logger,
      ready: simulation.ready,
      firstAfterMs: 1500,
      everyMs: 10 * 60_000,
      lobbySize: 9,
    });
  });

  after(async () => {
    mixers?.stop();
    simulation?.stop();
    await bot?.stop();
    await agenda?.stop();
    await emulator?.stop();
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
  });

  it("seats alumni in the lobby, runs the organiser's demo mixer into rooms with prompts, and ends it cleanly", async () => {
    const drivers = driversFor(emulator);
    const talking = await (async () => {
      const started = Date.now();
      for (;;) {
        const doc = await MixerRun.findOne({ guildId: demo.guildId, phase: 'talking' }).lean();
        if (doc) return doc;
        if (Date.now() - started > 60_000) throw new Error('no demo mixer reached its first round');
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect(emulator.rateLimits.profile?.name).to.equal('realistic');
    const state = talking.state as { participants: { id: string }[] };
    expect(state.participants.length).to.be.at.least(3);
    for (const { id } of state.participants)
      expect(talking.rooms).to.include(emulator.state.voice.find(demo.guildId, id)?.channelId);
    for (const room of talking.rooms)
      expect(drivers.messagesIn(room).some((m) => (m.embeds?.[0]?.description ?? '') !== '')).to.equal(true);

    await drivers
      .runSlashCommand(
        demo.guildId,
        demo.channels.lobby,
        demo.organiser.id,
        'mixer end',
        {},
        { locale: 'ja' },
      )
      .waitForReply();
    const started = Date.now();
    for (;;) {
      const doc = await MixerRun.findOne({ runId: talking.runId }).lean();
      if (doc?.status === 'done') break;
      if (Date.now() - started > 30_000) throw new Error('the demo mixer did not end');
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const { id } of state.participants)
      expect(emulator.state.voice.find(demo.guildId, id)?.channelId).to.equal(demo.channels.lobby);
    for (const room of talking.rooms) expect(emulator.state.channels.find(room)).to.equal(undefined);
  });
});
