/**
 * Fixture for the mixer integration tests: the Discord emulator with a guild that has a Lobby
 * voice channel, an organiser (Organiser role) and N alumni with profiles (industries), the real
 * bot through startBot() with agenda on the embedded store, and a controllable clock: tests move
 * it forward and `runDueMixerJobs` makes agenda run the mixer jobs due by it. `restartWorker`
 * kills the bot and its agenda and starts a fresh worker on the same emulator and database.
 */
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { Agenda } from 'agenda';
import { ChannelType } from 'discord-api-types/v10';
import { pino } from 'pino';
import { createAgenda } from '../../shared/db/agenda.js';
import { loadConfig } from '../../shared/config.js';
import { updateGuildSettings } from '../../shared/kernel/guild-settings.service.js';
import { Profile } from '../../shared/kernel/profile.model.js';
import { MixerRun } from '../../shared/deepen/mixer/mixer-run.model.js';
import { MIXER_RESUME_JOB, MIXER_TICK_JOB } from '../../bot/deepen/mixer/flows/jobs.js';
import { startBot, type RunningBot } from '../../bot/start-bot.js';
import { startWorld, type BotWorld } from '../integration/core/bot-world.js';

export interface MixerWorld extends BotWorld {
  guildId: string;
  lobbyId: string;
  organiserId: string;
  alumni: string[];
  clock: { now: Date; advanceMs(ms: number): void };
  until<T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  /** Where a member is connected (channel id) or null. */
  voiceOf(userId: string): string | null;
  /** The guild's channels under a category (id → name). */
  childrenOf(categoryId: string): string[];
  runDueMixerJobs(): Promise<number>;
  db(): Db;
  latestRun(): Promise<Awaited<ReturnType<typeof MixerRun.findOne>>>;
  restartWorker(): Promise<void>;
}

const INDUSTRIES = ['it', 'finance', 'consulting', 'healthcare'];

export async function startMixerWorld(
  options: { alumni?: number; lobbyOnly?: boolean } = {},
): Promise<MixerWorld> {
  const clock = {
    now: new Date(),
    advanceMs(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const db = () => mongoose.connection.db as unknown as Db;
  let agenda: Agenda = createAgenda({ db: db(), processEveryMs: 50, name: 'mixer-test' });
  const count = options.alumni ?? 13;
  const world = await startWorld({
    seed: {
      roles: [{ name: 'Alumni' }, { name: 'Organiser' }],
      memberCount: count + 1,
      voiceChannels: ['Lobby', 'Quiet room'],
    },
    bot: { agenda, clock: { now: () => clock.now } },
    beforeStart: (emu, seeded) => {
      emu.state.members.update(seeded.guild.id, seeded.members[0]!.id, {
        roles: [seeded.roles['Organiser']!.id],
      });
    },
  });
  const { seeded, drivers, emu } = world;
  const guildId = seeded.guild.id;
  const lobbyId = seeded.channels['Lobby']!.id;
  const organiserId = seeded.members[0]!.id;
  const alumni = seeded.members.slice(1).map((m) => m.id);
  await updateGuildSettings(guildId, { locale: 'en', roles: { organiser: seeded.roles['Organiser']!.id } });
  await Profile.insertMany(
    alumni.map((userId, i) => ({
      guildId,
      userId,
      displayName: `Alum ${i + 1}`,
      industry: INDUSTRIES[i % INDUSTRIES.length],
    })),
  );
  await agenda.start();
  for (const id of [organiserId, ...alumni]) drivers.voiceJoin(guildId, id, lobbyId);

  const runDueMixerJobs = async () => {
    // Only a job waiting (not locked: not running, nor held by a worker) and due by the test clock
    // but not yet by the real one: a running job is never pulled into a second run, as in
    // production, and one already due is left to agenda (as events-world.ts does).
    const due = {
      name: { $in: [MIXER_TICK_JOB, MIXER_RESUME_JOB] },
      lockedAt: null,
      nextRunAt: { $ne: null, $gt: new Date(), $lte: clock.now },
    };
    const { modifiedCount } = await db()
      .collection('agendaJobs')
      .updateMany(due, { $set: { nextRunAt: new Date() } });
    return modifiedCount;
  };
  const until: MixerWorld['until'] = async (probe, what, timeoutMs = 10_000) => {
    const started = Date.now();
    for (;;) {
      // Every wait pulls the jobs due by the test clock, not only `passTime`: a step still
      // finishing (a drive after a warning, a resume after a restart) may save a job again at its
      // test-clock time, which is real minutes ahead, after the pull, and the wait is for its effect.
      await runDueMixerJobs();
      const value = await probe();
      if (value) return value;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const w: MixerWorld = {
    ...world,
    guildId,
    lobbyId,
    organiserId,
    alumni,
    clock,
    until,
    voiceOf: (userId) => emu.state.voice.find(guildId, userId)?.channelId ?? null,
    childrenOf: (categoryId) =>
      emu.state.channels
        .list(guildId)
        .filter((c) => c.parentId === categoryId && c.type === ChannelType.GuildVoice)
        .map((c) => c.id),
    db,
    runDueMixerJobs,
    latestRun: () => MixerRun.findOne({ guildId }).sort({ createdAt: -1 }),
    async restartWorker() {
      await w.bot.client.destroy();
      await agenda.stop();
      agenda = createAgenda({ db: db(), processEveryMs: 50, name: 'mixer-test-2' });
      const bot: RunningBot = await startBot({
        token: emu.botToken,
        restApi: emu.restBase,
        config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
        logger: pino({ level: 'silent' }),
        agenda,
        clock: { now: () => clock.now },
      });
      w.bot = bot;
      await agenda.start();
    },
    async stop() {
      // Let running jobs finish while the client is still up (agenda.stop does not wait for them),
      // so no job writes after the world has stopped and the test database is cleared.
      await agenda.drain(5000);
      await w.bot.stop();
      await agenda.stop();
      await emu.stop();
    },
  };
  // The bot sees everyone in the lobby before a test acts.
  await until(
    () =>
      (world.bot.client.guilds.cache.get(guildId)?.voiceStates.cache.filter((v) => v.channelId === lobbyId)
        .size ?? 0) >=
      count + 1,
    'the lobby voice states at the bot',
  );
  return w;
}
