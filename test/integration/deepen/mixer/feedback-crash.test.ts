/**
 * A mixer's feedback DMs survive the worker being killed while it sends them: the worker is a
 * real process (test/support/mixer-process.ts), killed with SIGKILL as Discord creates the 3rd
 * feedback DM (the DM exists, the worker never learns it went out). A fresh worker process
 * then sends exactly the rest through the `deepen:mixer:feedback` job, with no GuildAvailable
 * and no restart of the mixer: each participant has one feedback DM, the organiser one summary.
 */
import { expect } from 'chai';
import type { APIMessage } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import {
  startMixerProcessWorld,
  type MixerProcessWorld,
  type MixerWorkerProcess,
  type StandbyWorker,
} from '../../../support/mixer-process.js';
import {
  expectCleanFinish,
  nthFeedbackDm,
  passTime,
  startAndConfirm,
  storedRun,
  untilPhase,
  type StoredRun,
} from '../../../support/mixer-process-steps.js';
import { customIdsOf } from '../../../support/mixer-steps.js';
import { MIXER_FEEDBACK_JOB } from '../../../../bot/deepen/mixer/flows/jobs.js';
import { FEEDBACK_CLAIM_MS } from '../../../../shared/deepen/mixer/mixer-feedback-outbox.service.js';

type Recipients = Record<string, { state: string; claimedBy: string | null; claimedAt: Date | null }>;
const recipientsOf = (run: StoredRun) => (run.feedbackOutbox?.recipients ?? {}) as unknown as Recipients;

describe('Deepen: a mixer’s feedback DMs survive the worker killed with SIGKILL while sending them', function () {
  this.timeout(300_000);
  useMongoose('mixer_feedback_crash');
  let w: MixerProcessWorld;
  let channelsBefore: string[];
  let a: MixerWorkerProcess;
  let fresh: StandbyWorker;

  beforeEach(async () => {
    w = await startMixerProcessWorld();
    channelsBefore = w.emu.state.channels.list(w.guildId).map((c) => c.id);
    [a, fresh] = await Promise.all([w.startWorker('worker-a'), w.standbyWorker('worker-b')]);
  });
  afterEach(async () => {
    await w.stop();
  });

  const feedbackDms = (runId: string, userId: string): APIMessage[] =>
    w.drivers.dmsTo(userId).filter((m) => customIdsOf(m).includes(`mixfb:rate:${runId}:1`));
  const summaries = () =>
    w.drivers.dmsTo(w.organiserId).filter((m) => (m.content ?? '').startsWith('Mixer finished: 13 people'));

  it('killed at the 3rd feedback DM: a fresh worker sends the remaining DMs, each participant gets exactly one', async () => {
    const runId = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 3, strategies: 'industry' });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const killed = w.killOn(a, nthFeedbackDm(3));
    await passTime(w, round0.roundEndsAt!.getTime() - w.now().getTime() + 1000);
    await killed;

    // Killed mid-outbox: the run is done, three DMs exist, the third is still the dead worker's claim.
    const atKill = (await storedRun(runId))!;
    expect(atKill.status).to.equal('done');
    expect(atKill.feedbackAsked).to.equal(false);
    const sentAtKill = w.alumni.filter((id) => feedbackDms(runId, id).length > 0);
    expect(sentAtKill, 'feedback DMs in Discord at the kill').to.have.length(3);
    const states = Object.values(recipientsOf(atKill)).map((r) => r.state);
    expect(states.filter((s) => s === 'sent')).to.have.length(2);
    expect(
      Object.values(recipientsOf(atKill)).filter((r) => r.state === 'claimed' && r.claimedBy === a.workerId),
      'the DM in flight',
    ).to.have.length(1);
    expect(states.filter((s) => s === 'pending')).to.have.length(w.alumni.length - 3);
    expect(summaries(), 'the summary went first').to.have.length(1);
    expect(
      await w.db().collection('agendaJobs').countDocuments({ name: MIXER_FEEDBACK_JOB, 'data.runId': runId }),
      'the feedback job left behind',
    ).to.equal(1);

    await fresh.start();
    await untilFeedbackSettled(w, runId);

    for (const id of w.alumni) expect(feedbackDms(runId, id), `feedback DMs to ${id}`).to.have.length(1);
    expect(summaries(), 'one summary').to.have.length(1);
    const done = (await storedRun(runId))!;
    for (const [id, r] of Object.entries(recipientsOf(done))) expect(r.state, id).to.equal('sent');
    expect(done.feedbackOutbox!.fallback!.state).to.equal('none');
    await expectCleanFinish(w, runId, channelsBefore);
  });
});

/**
 * Lets the test clock pass the claim length (the dead worker's claim runs stale, the feedback job
 * comes due) and makes agenda run the feedback job, until the outbox is settled.
 */
async function untilFeedbackSettled(w: MixerProcessWorld, runId: string): Promise<void> {
  await w.until(
    async () => {
      const run = await storedRun(runId);
      if (run?.feedbackAsked) return true;
      w.advanceMs(FEEDBACK_CLAIM_MS + 1000);
      // Waits until every live worker reads the new clock, then pulls the feedback job forward.
      await w.runDueMixerJobs();
      await w
        .db()
        .collection('agendaJobs')
        .updateMany(
          { name: MIXER_FEEDBACK_JOB, 'data.runId': runId, nextRunAt: { $ne: null, $lte: w.now() } },
          { $set: { nextRunAt: new Date() } },
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
      return null;
    },
    `the feedback of run ${runId} settled`,
    120_000,
  );
}
