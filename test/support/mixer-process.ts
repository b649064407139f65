/**
 * Fixture for the mixer crash tests: the Discord emulator (in this process) with the guild the
 * mixer tests use (a Lobby, an organiser, N alumni with profiles), and bot workers as separate
 * processes (test/support/mixer-worker.ts) that this fixture starts and kills with SIGKILL. The
 * workers reach the emulator and the test database over their real sockets. The clock is real
 * time plus an offset the test moves (sent to every live worker); `runDueMixerJobs` makes agenda
 * run the mixer jobs due by it. mongoose must be connected (useMongoose()).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { pino } from 'pino';
import { ChannelType, type GatewayDispatchEvents } from 'discord-api-types/v10';
import { deployCommands } from '../../bot/deploy-commands.js';
import { ALL_COMMANDS } from '../../bot/features.js';
import { MIXER_RESUME_JOB, MIXER_TICK_JOB } from '../../bot/deepen/mixer/flows/jobs.js';
import { updateGuildSettings } from '../../shared/kernel/guild-settings.service.js';
import { Profile } from '../../shared/kernel/profile.model.js';
import { seedGuild, startDiscordEmulator, type DiscordEmulator } from '../../sandbox/discord/index.js';
import { driversFor, type Drivers } from '../../sandbox/discord/drivers.js';
import { testDatabaseUri } from './database.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = 'test/support/mixer-worker.ts';
const INDUSTRIES = ['it', 'finance', 'consulting', 'healthcare'];

export interface MixerWorkerProcess {
  name: string;
  child: ChildProcess;
  /** The worker's id in a run's lease (known once it is ready). */
  workerId: string;
  /** The last clock offset this process confirmed it reads (IPC `clockOffsetAck`). */
  ackedOffsetMs: number;
  /** Its log (JSON lines) and stderr, for a failing test's message. */
  output(): string;
  /** SIGKILL: the process dies at once, whatever it was doing. Resolves once it has exited. */
  kill(): Promise<void>;
}

export interface StandbyWorker {
  start(): Promise<MixerWorkerProcess>;
}

export interface MixerProcessWorld {
  emu: DiscordEmulator;
  drivers: Drivers;
  guildId: string;
  lobbyId: string;
  organiserId: string;
  alumni: string[];
  /** The test clock: real time plus the offset `advanceMs` adds (every worker reads the same). */
  now(): Date;
  advanceMs(ms: number): void;
  startWorker(name: string, options?: { leaseMs?: number }): Promise<MixerWorkerProcess>;
  /**
   * A worker process that has loaded its code and waits: `start()` logs it in (seconds, where a
   * cold start under load takes tens of seconds). Spawn it early, start it after a kill.
   */
  standbyWorker(name: string, options?: { leaseMs?: number }): Promise<StandbyWorker>;
  /**
   * Kills `worker` with SIGKILL from inside the emulator's dispatch of the first event `match`
   * accepts: the kill lands while Discord is answering that very request. Resolves after the exit.
   */
  killOn(
    worker: MixerWorkerProcess,
    match: (event: GatewayDispatchEvents, data: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  /** Kills `worker` with SIGKILL as soon as `probe` (polled every few ms, e.g. a database read) holds. */
  killWhen(
    worker: MixerWorkerProcess,
    probe: () => Promise<boolean>,
    what: string,
    timeoutMs?: number,
  ): Promise<void>;
  until<T>(
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  voiceOf(userId: string): string | null;
  /** Voice channels under a category. */
  childrenOf(categoryId: string): string[];
  /**
   * Makes agenda run the mixer jobs due by the test clock, once every live worker has confirmed
   * it reads that clock (the offset goes by IPC, the trigger by the database: a job run on the
   * old clock would find its round not over yet and be used up).
   */
  runDueMixerJobs(): Promise<number>;
  db(): Db;
  stop(): Promise<void>;
}

export async function startMixerProcessWorld(options: { alumni?: number } = {}): Promise<MixerProcessWorld> {
  const emu = await startDiscordEmulator({ logger: pino({ level: 'silent' }) });
  const count = options.alumni ?? 13;
  const seeded = seedGuild(emu.state, {
    name: 'Acme アルムナイ',
    roles: [{ name: 'Alumni' }, { name: 'Organiser' }],
    memberCount: count + 1,
    voiceChannels: ['Lobby', 'Quiet room'],
  });
  const guildId = seeded.guild.id;
  const lobbyId = seeded.channels['Lobby']!.id;
  const organiserId = seeded.members[0]!.id;
  const alumni = seeded.members.slice(1).map((m) => m.id);
  emu.state.members.update(guildId, organiserId, { roles: [seeded.roles['Organiser']!.id] });
  await deployCommands({
    token: emu.botToken,
    applicationId: emu.application.id,
    guildId,
    restApi: emu.restBase,
    commands: ALL_COMMANDS,
  });
  await updateGuildSettings(guildId, { locale: 'en', roles: { organiser: seeded.roles['Organiser']!.id } });
  await Profile.insertMany(
    alumni.map((userId, i) => ({
      guildId,
      userId,
      displayName: `Alum ${i + 1}`,
      industry: INDUSTRIES[i % INDUSTRIES.length],
    })),
  );
  const drivers = driversFor(emu);
  for (const id of [organiserId, ...alumni]) drivers.voiceJoin(guildId, id, lobbyId);

  let offsetMs = 0;
  const workers = new Set<MixerWorkerProcess>();
  const db = () => mongoose.connection.db as unknown as Db;
  const until: MixerProcessWorld['until'] = async (probe, what, timeoutMs = 30_000) => {
    const started = Date.now();
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() - started > timeoutMs) {
        const logs = [...workers].map((w) => `--- ${w.name}\n${w.output().slice(-3000)}`).join('\n');
        throw new Error(`timed out waiting for ${what}\n${logs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const world: MixerProcessWorld = {
    emu,
    drivers,
    guildId,
    lobbyId,
    organiserId,
    alumni,
    now: () => new Date(Date.now() + offsetMs),
    advanceMs(ms) {
      offsetMs += ms;
      for (const w of workers) if (w.child.connected) w.child.send({ clockOffsetMs: offsetMs });
    },
    async startWorker(name, workerOptions = {}) {
      return (await world.standbyWorker(name, workerOptions)).start();
    },
    async standbyWorker(name, workerOptions = {}) {
      const standby = await spawnWorker(name, {
        MONGODB_URI: testDatabaseUri(),
        DB_NAME: mongoose.connection.name,
        DISCORD_REST: emu.restBase,
        DISCORD_TOKEN: emu.botToken,
        WORKER_NAME: name,
        CLOCK_OFFSET_MS: String(offsetMs),
        STANDBY: '1',
        ...(workerOptions.leaseMs ? { MIXER_LEASE_MS: String(workerOptions.leaseMs) } : {}),
      });
      const worker = standby.worker;
      workers.add(worker);
      worker.child.once('exit', () => workers.delete(worker));
      // The clock may have moved while it loaded.
      worker.child.send({ clockOffsetMs: offsetMs });
      return standby;
    },
    killOn(worker, match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`no matching event to kill ${worker.name} on:\n${worker.output().slice(-3000)}`));
        }, timeoutMs);
        const unsubscribe = emu.state.onDispatch((event, data) => {
          if (!match(event, (data ?? {}) as Record<string, unknown>)) return;
          unsubscribe();
          clearTimeout(timer);
          // Synchronous: the signal is sent before the emulator answers the request at hand.
          worker.child.kill('SIGKILL');
          void worker.kill().then(resolve);
        });
      });
    },
    async killWhen(worker, probe, what, timeoutMs = 60_000) {
      const started = Date.now();
      while (!(await probe())) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`timed out waiting for ${what} to kill ${worker.name}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await worker.kill();
    },
    until,
    voiceOf: (userId) => emu.state.voice.find(guildId, userId)?.channelId ?? null,
    childrenOf: (categoryId) =>
      emu.state.channels
        .list(guildId)
        .filter((c) => c.parentId === categoryId && c.type === ChannelType.GuildVoice)
        .map((c) => c.id),
    async runDueMixerJobs() {
      await until(
        () => [...workers].every((x) => !x.child.connected || x.child.killed || x.ackedOffsetMs === offsetMs),
        'every worker reading the test clock',
      );
      const { modifiedCount } = await db()
        .collection('agendaJobs')
        .updateMany(
          { name: { $in: [MIXER_TICK_JOB, MIXER_RESUME_JOB] }, nextRunAt: { $ne: null, $lte: world.now() } },
          { $set: { nextRunAt: new Date() } },
        );
      return modifiedCount;
    },
    db,
    async stop() {
      await Promise.all([...workers].map((w) => w.kill()));
      await emu.stop();
    },
  };
  return world;
}

/**
 * Spawns test/support/mixer-worker.ts in standby; resolves once it has loaded, with `start()`
 * resolving once its bot is up.
 */
function spawnWorker(
  name: string,
  env: Record<string, string>,
): Promise<StandbyWorker & { worker: MixerWorkerProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', WORKER], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('message', (message: { clockOffsetAck?: number }) => {
    if (typeof message.clockOffsetAck === 'number') worker.ackedOffsetMs = message.clockOffsetAck;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const worker: MixerWorkerProcess = {
    name,
    child,
    workerId: '',
    ackedOffsetMs: Number(env.CLOCK_OFFSET_MS ?? 0),
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  const failure = (what: string) => new Error(`worker ${name} ${what}:\n${output.slice(-3000)}`);
  /** Resolves on the first IPC message with `flag`; rejects if the process exits or takes too long. */
  const waitFor = (flag: 'loaded' | 'ready') =>
    new Promise<{ workerId?: string }>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.kill();
        reject(failure(`was not ${flag} within 90 s`));
      }, 90_000);
      const onMessage = (message: { loaded?: boolean; ready?: boolean; workerId?: string }) => {
        if (!message[flag]) return;
        settle();
        resolve(message);
      };
      const onExit = (code: number | null, signal: string | null) => {
        settle();
        reject(failure(`exited (${code ?? signal}) before it was ${flag}`));
      };
      const settle = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return waitFor('loaded').then(() => ({
    worker,
    async start() {
      const ready = waitFor('ready');
      child.send({ start: true });
      worker.workerId = (await ready).workerId ?? '';
      return worker;
    },
  }));
}
