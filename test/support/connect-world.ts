/**
 * Fixture for the Connect & Know integration tests: the Discord emulator with a seeded guild
 * (Alumni, Introduced, Newcomer, Organiser roles; welcome, introductions, events channels), the
 * real bot through startBot() with agenda on the embedded store, guild settings configured, and
 * a clock the relay job reads (tests move it forward by days).
 */
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { APIMessage } from 'discord-api-types/v10';
import { createAgenda } from '../../shared/db/agenda.js';
import { updateGuildSettings } from '../../shared/kernel/guild-settings.service.js';
import { InviteRecord } from '../../shared/connect/invite-record.model.js';
import { RELAY_CHECK_JOB } from '../../shared/know/relay-reminder.job.js';
import { pino } from 'pino';
import { loadConfig } from '../../shared/config.js';
import { startBot } from '../../bot/start-bot.js';
import { startWorld, type BotWorld } from '../integration/core/bot-world.js';

/** Acting options of an English-speaking person (the emulator otherwise falls back to the guild's ja). */
export const EN = { locale: 'en-US' } as const;

export interface ConnectWorld extends BotWorld {
  guildId: string;
  roles: { alumni: string; introduced: string; newcomer: string; organiser: string };
  channels: { welcome: string; introductions: string; events: string; general: string };
  clock: { now: Date; advanceDays(days: number): void };
  /** A new person (not yet in the guild). */
  person(name: string): string;
  /** Waits until `probe` returns something truthy (re-checked on every gateway event and every 20 ms). */
  until<T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    what: string,
  ): Promise<T>;
  /** Messages of a channel that mention `userId`. */
  mentionsIn(channelId: string, userId: string): APIMessage[];
  /** Stops the bot and starts a fresh one on the same emulator and database (nothing kept in memory). */
  restartBot(): Promise<void>;
  /**
   * Makes agenda run the relay checks that are due by the test clock (agenda itself runs on real
   * time). One pull is enough: a check is saved by its nomination before anything is posted, and
   * only its own run saves it again (agenda keeps nextRunAt null while it runs, so a pull during
   * the run counts 0 and a `until(… > 0)` loop pulls again once the run has saved its next check).
   */
  runDueRelayChecks(): Promise<number>;
  /** Creates an invite in the welcome channel and waits until the bot has recorded it. */
  invite(inviterId: string, options?: { maxUses?: number }): Promise<string>;
}

/** Starts the world; `settings: false` leaves the guild unconfigured. */
export async function startConnectWorld(
  options: { settings?: boolean; locale?: 'ja' | 'en' } = {},
): Promise<ConnectWorld> {
  const clock = {
    now: new Date(),
    advanceDays(days: number) {
      clock.now = new Date(clock.now.getTime() + days * 86_400_000);
    },
  };
  const agenda = createAgenda({
    db: mongoose.connection.db as unknown as Db,
    processEveryMs: 50,
    name: 'connect-test',
  });
  const world = await startWorld({
    seed: {
      roles: [{ name: 'Alumni' }, { name: 'Introduced' }, { name: 'Newcomer' }, { name: 'Organiser' }],
      memberCount: 3,
    },
    bot: { agenda, clock: { now: () => clock.now } },
  });
  await agenda.start();
  const { seeded, drivers } = world;
  const guildId = seeded.guild.id;
  const roles = {
    alumni: seeded.roles['Alumni']!.id,
    introduced: seeded.roles['Introduced']!.id,
    newcomer: seeded.roles['Newcomer']!.id,
    organiser: seeded.roles['Organiser']!.id,
  };
  const channels = {
    welcome: seeded.channels['welcome']!.id,
    introductions: seeded.channels['introductions']!.id,
    events: seeded.channels['events']!.id,
    general: seeded.channels['general']!.id,
  };
  if (options.settings ?? true) {
    await updateGuildSettings(guildId, {
      locale: options.locale ?? 'en',
      channels: { welcome: channels.welcome, introductions: channels.introductions, events: channels.events },
      roles,
    });
  }
  let people = 0;
  const until = async <T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    what: string,
  ) => {
    // drivers.waitFor takes a synchronous probe: poll the async one into a box.
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
  const w: ConnectWorld = {
    ...world,
    guildId,
    roles,
    channels,
    clock,
    person: (name: string) =>
      drivers.createUser({ username: `${name}-${++people}`, globalName: name, locale: 'en-US' }).id,
    until,
    mentionsIn: (channelId, userId) =>
      drivers.messagesIn(channelId).filter((m) => (m.content ?? '').includes(`<@${userId}>`)),
    async invite(inviterId, inviteOptions = {}) {
      const invite = world.emu.state.invites.create(channels.welcome, {
        inviterId,
        maxAge: 0,
        ...inviteOptions,
      });
      await until(
        () => InviteRecord.exists({ guildId, code: invite.code }),
        `invite ${invite.code} recorded`,
      );
      return invite.code;
    },
    async runDueRelayChecks() {
      const jobs = (mongoose.connection.db as unknown as Db).collection('agendaJobs');
      const due = { name: RELAY_CHECK_JOB, nextRunAt: { $ne: null, $lte: clock.now } };
      const { modifiedCount } = await jobs.updateMany(due, { $set: { nextRunAt: new Date() } });
      return modifiedCount;
    },
    async restartBot() {
      await w.bot.client.destroy();
      w.bot = await startBot({
        token: world.emu.botToken,
        restApi: world.emu.restBase,
        config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
        logger: pino({ level: 'silent' }),
      });
    },
    async stop() {
      // Let running jobs finish while the client is still up (agenda.stop does not wait for them),
      // so no job writes after the world has stopped and the test database is cleared.
      await agenda.drain(5000);
      await w.bot.stop();
      await agenda.stop();
      await world.emu.stop();
    },
  };
  return w;
}
