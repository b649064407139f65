/**
 * Fixture for the deepen events integration tests: the emulator with a guild (Alumni and Organiser
 * roles, an events channel, a Lounge lobby), the real bot through startBot() with agenda on the
 * embedded store, guild settings in `zone`, and ONE clock: the emulator's (`emu.state.clock`),
 * which the bot's services read too. Agenda runs on real time, so `runDue()` hands agenda the event
 * jobs that are due by that clock and waits until they have run.
 */
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { pino } from 'pino';
import type { Agenda } from 'agenda';
import { createAgenda } from '../../shared/db/agenda.js';
import { loadConfig } from '../../shared/config.js';
import { updateGuildSettings } from '../../shared/kernel/guild-settings.service.js';
import {
  EVENT_END_JOB,
  EVENT_MIXER_JOB,
  EVENT_PLAN_JOB,
  EVENT_REMINDER_JOB,
  EVENT_START_JOB,
} from '../../shared/deepen/events/event-jobs.job.js';
import { startBot, type RunningBot } from '../../bot/start-bot.js';
import type { DiscordEmulator } from '../../sandbox/discord/index.js';
import { startWorld, type BotWorld } from '../integration/core/bot-world.js';

export const EVENT_JOBS = [EVENT_REMINDER_JOB, EVENT_START_JOB, EVENT_END_JOB, EVENT_MIXER_JOB];
/** The daily planning of series: run only when a test asks (`runDue(PLAN_JOBS)`), so counts stay exact. */
export const PLAN_JOBS = [EVENT_PLAN_JOB];

export interface EventsWorld extends BotWorld {
  guildId: string;
  organiserId: string;
  roles: { alumni: string; organiser: string };
  channels: { events: string; general: string; lobby: string; room: string };
  zone: string;
  now(): Date;
  /** Moves the emulator's clock (and so the bot's) to `at`. */
  setNow(at: Date): void;
  agenda: Agenda;
  jobs(): Promise<{ name: string; data: Record<string, unknown>; nextRunAt: Date | null }[]>;
  /**
   * Runs the event jobs (or the jobs `names`) due by the world's clock and waits until they
   * finished; returns how many.
   */
  runDue(names?: readonly string[]): Promise<number>;
  /** The series planning jobs (name, series, next run). */
  planJobs(): Promise<{ seriesId: string; nextRunAt: Date | null }[]>;
  until<T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    what: string,
  ): Promise<T>;
  /** Stops the bot and its agenda, then starts a new bot + agenda on the same emulator and database. */
  restartBot(): Promise<void>;
}

const db = () => mongoose.connection.db as unknown as Db;

export async function startEventsWorld(options: { zone?: string; locale?: 'ja' | 'en'; start?: Date } = {}) {
  let emuRef: DiscordEmulator | undefined;
  const clock = { now: () => (emuRef ? emuRef.state.clock.date() : new Date()) };
  const newAgenda = (name: string) => createAgenda({ db: db(), processEveryMs: 50, name });
  let agenda = newAgenda('events-test');
  const world = await startWorld({
    seed: {
      roles: [{ name: 'Alumni' }, { name: 'Organiser' }],
      memberCount: 8,
      voiceChannels: ['Lounge', 'Room 1'],
    },
    bot: { agenda, clock },
    beforeStart: (emu) => {
      emuRef = emu;
      if (options.start) emu.state.clock.set(options.start);
    },
  });
  await agenda.start();
  const { seeded, drivers } = world;
  const guildId = seeded.guild.id;
  const roles = { alumni: seeded.roles['Alumni']!.id, organiser: seeded.roles['Organiser']!.id };
  const channels = {
    events: seeded.channels['events']!.id,
    general: seeded.channels['general']!.id,
    lobby: seeded.channels['Lounge']!.id,
    room: seeded.channels['Room 1']!.id,
  };
  const zone = options.zone ?? 'Asia/Tokyo';
  await updateGuildSettings(guildId, {
    locale: options.locale ?? 'en',
    timeZone: zone,
    channels: { events: channels.events, lobby: channels.lobby },
    roles,
  });
  const organiserId = seeded.members[0]!.id;
  world.emu.state.members.addRole(guildId, organiserId, roles.organiser);

  const until = async <T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    what: string,
  ) => {
    let box: T | undefined | null | false;
    let pending = false;
    return drivers.waitFor(
      () => {
        if (!pending) {
          pending = true;
          void Promise.resolve(probe())
            .then((value) => (box = value))
            .catch(() => undefined)
            .finally(() => (pending = false));
        }
        return box;
      },
      8000,
      what,
    );
  };

  const w: EventsWorld = {
    ...world,
    guildId,
    organiserId,
    roles,
    channels,
    zone,
    agenda,
    now: clock.now,
    setNow: (at) => void world.emu.state.clock.set(at),
    async jobs() {
      const docs = await db()
        .collection('agendaJobs')
        .find({ name: { $in: EVENT_JOBS } })
        .toArray();
      return docs.map((d) => ({
        name: d.name as string,
        data: d.data as Record<string, unknown>,
        nextRunAt: (d.nextRunAt as Date | null) ?? null,
      }));
    },
    async planJobs() {
      const docs = await db().collection('agendaJobs').find({ name: EVENT_PLAN_JOB }).toArray();
      return docs.map((d) => ({
        seriesId: String((d.data as { seriesId: string }).seriesId),
        nextRunAt: (d.nextRunAt as Date | null) ?? null,
      }));
    },
    async runDue(names = EVENT_JOBS) {
      const jobs = db().collection('agendaJobs');
      const due = await jobs
        .find({ name: { $in: [...names] }, nextRunAt: { $ne: null, $lte: clock.now() } })
        .toArray();
      if (due.length === 0) return 0;
      const since = new Date();
      const ids = { $in: due.map((d) => d._id) };
      await jobs.updateMany({ _id: ids }, { $set: { nextRunAt: since } });
      await until(async () => {
        // The wait pulls again: a step still finishing (an edit's re-plan, a publish) may save one
        // of these jobs again at its test-clock time, real minutes ahead, after the pull above.
        // Only a job not yet run, not running, and pushed past the real clock is pulled again.
        await jobs.updateMany(
          {
            _id: ids,
            lockedAt: null,
            nextRunAt: { $gt: new Date(), $lte: clock.now() },
            $or: [{ lastFinishedAt: null }, { lastFinishedAt: { $lt: since } }],
          },
          { $set: { nextRunAt: new Date() } },
        );
        const done = await jobs.countDocuments({ _id: ids, lastFinishedAt: { $gte: since } });
        return done === due.length;
      }, `${due.length} due event job(s) run`);
      return due.length;
    },
    until,
    async restartBot() {
      await w.bot.stop(); // stops the old agenda too
      agenda = newAgenda('events-test-2');
      w.agenda = agenda;
      w.bot = (await startBot({
        token: world.emu.botToken,
        restApi: world.emu.restBase,
        config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
        logger: pino({ level: 'silent' }),
        agenda,
        clock,
      })) as RunningBot;
      await agenda.start();
    },
    async stop() {
      // Let running jobs finish while the client is still up (agenda.stop does not wait for them),
      // so no job writes after the world has stopped and the test database is cleared.
      await agenda.drain(5000);
      await w.bot.stop();
      await world.emu.stop();
    },
  };
  return w;
}
