/**
 * A bot worker as its own process, for the mixer restart tests (test/support/mixer-process.ts
 * starts it with `node --import tsx/esm`): the real bot (startBot with every slice) and agenda,
 * talking to the test's Discord emulator and embedded store over their real sockets, as
 * bot/main.ts does in production. Killing it with SIGKILL is a real crash: nothing is flushed,
 * no request it has not sent yet is ever sent.
 *
 * Environment: MONGODB_URI + DB_NAME (the test's database), DISCORD_REST + DISCORD_TOKEN (the
 * emulator), WORKER_NAME (agenda's lastModifiedBy), CLOCK_OFFSET_MS (the test clock's lead over
 * real time), MIXER_LEASE_MS (optional: a shorter lease than production's 60 s).
 * IPC: the parent sends `{ clockOffsetMs }` when it moves the clock (answered with
 * `{ clockOffsetAck }` once this process reads the new time); the worker sends
 * `{ ready: true, workerId }` once the bot is up and its agenda runs. With STANDBY=1 it loads
 * its code and connects the database, sends `{ loaded: true }` and waits for `{ start: true }`
 * before logging in (a test keeps a fresh worker ready to take over at once after a kill).
 */
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { connectMongoose } from '../../shared/db/connect.js';
import { createAgenda } from '../../shared/db/agenda.js';
import { createMixerServices } from '../../shared/deepen/mixer/services.js';
import { leaseTiming } from '../../shared/deepen/mixer/mixer-run.service.js';
import { startBot } from '../../bot/start-bot.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`mixer worker: ${name} is required`);
  return value;
}

async function main(): Promise<void> {
  let offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  let go: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (go = resolve));
  process.on('message', (message: { clockOffsetMs?: number; start?: boolean }) => {
    if (typeof message.clockOffsetMs === 'number') {
      offsetMs = message.clockOffsetMs;
      // The test waits for this before it makes jobs due by the new clock (they go through the DB).
      process.send?.({ clockOffsetAck: offsetMs });
    }
    if (message.start) go();
  });
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  const logger = createLogger('info', process.env.WORKER_NAME ?? 'mixer-worker');
  await connectMongoose(required('MONGODB_URI'), required('DB_NAME'));
  const agenda = createAgenda({
    db: mongoose.connection.db as unknown as Db,
    processEveryMs: 50,
    name: process.env.WORKER_NAME ?? 'mixer-worker',
  });
  const leaseMs = Number(process.env.MIXER_LEASE_MS ?? 0);
  const mixer = {
    ...createMixerServices({ clock, logger }),
    ...(leaseMs ? { lease: leaseTiming(leaseMs) } : {}),
  };
  if (process.env.STANDBY === '1') {
    process.send?.({ loaded: true });
    await started;
  }
  const bot = await startBot({
    token: required('DISCORD_TOKEN'),
    restApi: required('DISCORD_REST'),
    config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja', PUBLIC_URL: 'http://127.0.0.1:3000' }),
    logger,
    agenda,
    clock,
    services: { mixer },
  });
  await agenda.start();
  process.send?.({ ready: true, workerId: bot.ctx.services.mixer.workerId });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
