/**
 * The worker's stop with a job running: agenda stops first (no new job, the running one finishes
 * with the client still up), then the client is destroyed. Real discord.js, agenda and mongoose
 * against the emulator and the embedded store.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import { useMongoose } from '../../support/database.js';
import { createAgenda } from '../../../shared/db/agenda.js';
import { startWorld, type BotWorld } from './bot-world.js';

const JOB = 'test:post-while-stopping';

/** A promise with its resolve handle (a gate the test opens). */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Resolves once the client has been destroyed (its token cleared), or after `ms`. */
async function destroyedOrAfter(client: Client, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (client.token !== null && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

describe('bot stop with a job running', function () {
  this.timeout(30_000);
  useMongoose('bot_stop_jobs');
  let world: BotWorld | undefined;
  let agenda: Agenda;
  const db = () => mongoose.connection.db as unknown as Db;

  /** The world with agenda; `job` is defined before agenda starts and is saved to run now. */
  async function start(job: (client: Client) => Promise<void>, jobDrainMs?: number) {
    agenda = createAgenda({ db: db(), processEveryMs: 50, name: 'stop-jobs-test' });
    world = await startWorld({ bot: { agenda, ...(jobDrainMs ? { jobDrainMs } : {}) } });
    const client = world.bot.client;
    agenda.define(JOB, () => job(client));
    await agenda.start();
    await agenda.now(JOB, {});
    return world;
  }

  afterEach(async () => {
    if (world?.bot.client.token) await world.bot.stop(); // a test that failed before its stop
    await world?.emu.stop();
    world = undefined;
  });

  it('lets a running job finish its Discord call before the client is destroyed, and logs no error', async () => {
    const started = gate();
    const stopCalled = gate();
    let channelId = '';
    const w = await start(async (client) => {
      started.open();
      await stopCalled.opened;
      // With the old order the client would be gone by now: give it the chance to be.
      await destroyedOrAfter(client, 300);
      const channel = await client.channels.fetch(channelId);
      if (!channel?.isSendable()) throw new Error('general is not sendable');
      await channel.send('posted while the worker stops');
    });
    channelId = w.seeded.channels['general']!.id;
    await started.opened;

    const stopping = w.bot.stop();
    stopCalled.open();
    await stopping;

    expect(w.drivers.messagesIn(channelId).map((m) => m.content)).to.include('posted while the worker stops');
    expect(w.bot.client.token, 'the client is destroyed after the job').to.equal(null);
    const stored = await db().collection('agendaJobs').findOne({ name: JOB });
    expect(stored?.lastFinishedAt, 'the job finished').to.be.instanceOf(Date);
    expect(stored?.failCount ?? 0).to.equal(0);
    expect(stored?.failReason ?? null).to.equal(null);
    expect(stored?.lockedAt ?? null, 'the job is unlocked').to.equal(null);
    expect(w.logs.filter((l) => l.level >= 50).map((l) => l.msg)).to.deep.equal([]);
  });

  it('waits only up to the bound for a job that runs on, says so, and the job keeps its lock', async () => {
    const started = gate();
    const release = gate();
    const w = await start(async () => {
      started.open();
      await release.opened; // a job that does not touch the client: it ends after the stop
    }, 200);
    await started.opened;

    await w.bot.stop();

    expect(w.bot.client.token).to.equal(null);
    const warning = w.logs.find((l) => l.level === 40 && String(l.msg).includes('still running at shutdown'));
    expect(warning, 'a warning that a job runs on').to.not.equal(undefined);
    const stored = await db().collection('agendaJobs').findOne({ name: JOB });
    expect(stored?.lockedAt, 'still locked: no other worker runs it meanwhile').to.be.instanceOf(Date);
    expect(stored?.lastFinishedAt ?? null).to.equal(null);
    release.open();
    // The job's own end is saved (the database is still up): it is not failed.
    const finished = async () => {
      for (;;) {
        const doc = await db().collection('agendaJobs').findOne({ name: JOB });
        if (doc?.lastFinishedAt) return doc;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const doc = await finished();
    expect(doc.failCount ?? 0).to.equal(0);
    expect(w.logs.filter((l) => l.level >= 50).map((l) => l.msg)).to.deep.equal([]);
  });
});
