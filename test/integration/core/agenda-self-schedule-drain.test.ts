/**
 * The worker's stop in the window where agenda has taken a job (its processor counts it as
 * running, so agenda.stop() leaves it locked) but not yet announced it with `start` (Job.run
 * saves the job's state first). The stop still waits for it before destroying the client. Real
 * discord.js, agenda and mongoose against the emulator and the embedded store.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import { useMongoose } from '../../support/database.js';
import { createAgenda } from '../../../shared/db/agenda.js';
import { startWorld, type BotWorld } from './bot-world.js';

const JOB = 'test:taken-not-started';

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

describe('bot stop with a job taken but not yet started', function () {
  this.timeout(30_000);
  useMongoose('bot_stop_taken_job');
  let world: BotWorld | undefined;
  let agenda: Agenda;
  const db = () => mongoose.connection.db as unknown as Db;

  afterEach(async () => {
    if (world?.bot.client.token) await world.bot.stop();
    await world?.emu.stop();
    world = undefined;
  });

  it('waits for it: its Discord call is made before the client is destroyed', async () => {
    agenda = createAgenda({ db: db(), processEveryMs: 50, name: 'taken-job-test' });
    world = await startWorld({ bot: { agenda } });
    const w = world;
    const client = w.bot.client;
    const channelId = w.seeded.channels['general']!.id;
    agenda.define(JOB, async () => {
      // With the stop not waiting, the client would be gone by now: give it the chance to be.
      await destroyedOrAfter(client, 300);
      const channel = await client.channels.fetch(channelId);
      if (!channel?.isSendable()) throw new Error('general is not sendable');
      await channel.send('posted by a job taken before the stop');
    });
    await agenda.ready;
    // Hold the save Job.run makes before it emits `start`: the job is taken, not announced.
    const taken = gate();
    const release = gate();
    const save = agenda.db.saveJobState.bind(agenda.db);
    let held = false;
    agenda.db.saveJobState = async (job, options) => {
      if (job.name === JOB && !held) {
        held = true;
        taken.open();
        await release.opened;
      }
      return save(job, options);
    };
    await agenda.start();
    await agenda.now(JOB, {});
    await taken.opened;

    const stopping = w.bot.stop();
    release.open();
    await stopping;

    expect(w.drivers.messagesIn(channelId).map((m) => m.content)).to.include(
      'posted by a job taken before the stop',
    );
    expect(w.bot.client.token, 'the client is destroyed after the job').to.equal(null);
    const stored = await db().collection('agendaJobs').findOne({ name: JOB });
    expect(stored?.lastFinishedAt, 'the job finished').to.be.instanceOf(Date);
    expect(stored?.failCount ?? 0).to.equal(0);
    expect(w.logs.filter((l) => l.level >= 50).map((l) => l.msg)).to.deep.equal([]);
  });
});
