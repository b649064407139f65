/**
 * The worker's stop with a mixer drive cut short (a job still running when the drain bound
 * passed, or a drive started outside agenda): the run's lease is still this worker's, and nothing
 * else would drive it. The mixer's stop hook saves a resume at lease expiry + 1 s and lets the
 * lease go. Real discord.js, agenda and mongoose against the emulator and the embedded store.
 */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../support/mixer-world.js';
import { startAndConfirm, untilPhase } from '../../support/mixer-steps.js';
import { MixerRun } from '../../../shared/deepen/mixer/mixer-run.model.js';
import { MIXER_RESUME_JOB } from '../../../bot/deepen/mixer/flows/jobs.js';

describe('bot stop with a mixer drive cut short', function () {
  this.timeout(120_000);
  useMongoose('agenda_self_schedule_handoff');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('saves a resume at lease expiry + 1 s for the run it held, and releases the lease', async () => {
    const world = await startMixerWorld({ alumni: 5 });
    w = world;
    const { runId } = await startAndConfirm(world, { group_size: 3, rounds: 2, minutes: 3 });
    await untilPhase(world, runId, 'talking', 0);
    // A drive in flight at the stop holds the lease (keepLease renews it until the drive ends).
    const until = new Date(world.clock.now.getTime() + 30_000);
    const workerId = world.bot.ctx.services.mixer.workerId;
    await MixerRun.updateOne({ runId }, { $set: { 'lease.owner': workerId, 'lease.until': until } });
    w = undefined;
    await world.stop();

    const run = await MixerRun.findOne({ runId }).lean();
    expect(run?.lease?.owner ?? null).to.equal(null);
    const resume = await world
      .db()
      .collection('agendaJobs')
      .findOne({ name: MIXER_RESUME_JOB, 'data.runId': runId });
    expect(resume?.nextRunAt?.getTime()).to.equal(until.getTime() + 1_000);
    expect(resume?.lockedAt ?? null).to.equal(null);
  });

  it('leaves a run whose lease another worker holds alone', async () => {
    const world = await startMixerWorld({ alumni: 5 });
    w = world;
    const { runId } = await startAndConfirm(world, { group_size: 3, rounds: 2, minutes: 3 });
    await untilPhase(world, runId, 'talking', 0);
    const until = new Date(world.clock.now.getTime() + 30_000);
    await MixerRun.updateOne({ runId }, { $set: { 'lease.owner': 'another-worker', 'lease.until': until } });
    w = undefined;
    await world.stop();

    const run = await MixerRun.findOne({ runId }).lean();
    expect(run?.lease?.owner).to.equal('another-worker');
    const resume = await world
      .db()
      .collection('agendaJobs')
      .findOne({ name: MIXER_RESUME_JOB, 'data.runId': runId });
    expect(resume).to.equal(null);
  });
});
