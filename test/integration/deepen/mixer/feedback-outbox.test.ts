/**
 * A finished mixer's outbox (the organiser's summary, each participant's feedback DM, the lobby
 * mention for closed DMs) sent by two bot workers on one store at once, and after a claim left
 * by a dead worker: each person gets exactly one DM, the lobby one mention, the organiser one
 * summary, through the emulator. Plus the outbox in the person's exported and erased data.
 */
import { expect } from 'chai';
import type { APIMessage } from 'discord-api-types/v10';
import { pino } from 'pino';
import type { Agenda, Job } from 'agenda';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { customIdsOf } from '../../../support/mixer-steps.js';
import { createAgenda } from '../../../../shared/db/agenda.js';
import { loadConfig } from '../../../../shared/config.js';
import { startBot, type RunningBot } from '../../../../bot/start-bot.js';
import { confirmRun, createRun, saveStep } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { recordOutcome } from '../../../../shared/deepen/mixer/mixer-finish.service.js';
import {
  claimRecipient,
  FEEDBACK_CLAIM_MS,
  feedbackRecipients,
  newOutbox,
} from '../../../../shared/deepen/mixer/mixer-feedback-outbox.service.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { mixerPart } from '../../../../shared/deepen/mixer/personal-data.js';
import { runFeedbackJob, type FeedbackJobData } from '../../../../bot/deepen/mixer/flows/feedback-job.js';
import { MIXER_FEEDBACK_JOB, scheduleFeedbackJob } from '../../../../bot/deepen/mixer/flows/jobs.js';
import { drive } from '../../../../bot/deepen/mixer/flows/driver.js';

describe('Deepen: a finished mixer’s feedback outbox, sent by two workers at once', function () {
  this.timeout(90_000);
  useMongoose('mixer_feedback_outbox');
  let w: MixerWorld;
  let second: RunningBot;
  let secondAgenda: Agenda;
  let lobbyId: string;
  let runId: string;
  let recipients: string[];

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 8 });
    // A second worker on the same emulator and store (its agenda is not started: the test runs
    // the job's handler on both workers itself, as each would after the other's lock ran out).
    secondAgenda = createAgenda({ db: w.db(), processEveryMs: 50, name: 'mixer-test-b' });
    second = await startBot({
      token: w.emu.botToken,
      restApi: w.emu.restBase,
      config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
      logger: pino({ level: 'silent' }),
      agenda: secondAgenda,
      clock: { now: () => w.clock.now },
    });
    // A mixer in the quiet room that played its round and stored its end (as finishRun does),
    // with nobody's DM sent yet.
    lobbyId = w.seeded.channels['Quiet room']!.id;
    const { run } = await createRun({
      guildId: w.guildId,
      lobbyChannelId: lobbyId,
      organiserId: w.organiserId,
      participantIds: w.alumni,
      groupSize: 4,
      minutesPerRound: 5,
      strategies: [{ kind: 'mixed' }],
      locale: 'en',
      now: w.clock.now,
    });
    runId = run.runId;
    await confirmRun(runId, w.clock.now);
    await saveStep(runId, { phase: 'cleanup', roundsPlayed: 1 });
    await recordOutcome(runId, 1, w.clock.now);
    recipients = await feedbackRecipients(runId);
    await scheduleFeedbackJob(w.bot.ctx.agenda, runId, w.clock.now, FEEDBACK_CLAIM_MS);
    await saveStep(runId, { status: 'done', phase: 'done', feedbackOutbox: newOutbox(recipients) });
  });
  afterEach(async () => {
    await second.stop();
    await w.stop();
  });

  const feedbackDms = (userId: string): APIMessage[] =>
    w.drivers.dmsTo(userId).filter((m) => customIdsOf(m).includes(`mixfb:rate:${runId}:1`));
  const summaries = () =>
    w.drivers.dmsTo(w.organiserId).filter((m) => (m.content ?? '').startsWith('Mixer finished: 8 people'));
  const fallbacks = () =>
    w.drivers.messagesIn(lobbyId).filter((m) => customIdsOf(m).includes(`mixfb:open:${runId}`));
  const jobOf = (bot: RunningBot): Job<FeedbackJobData> =>
    bot.ctx.agenda!.create<FeedbackJobData>(MIXER_FEEDBACK_JOB, { runId });
  const feedbackJobs = () =>
    w.db().collection('agendaJobs').countDocuments({ name: MIXER_FEEDBACK_JOB, 'data.runId': runId });
  const outbox = async () => (await MixerRun.findOne({ runId }).lean())!;
  /** The outbox's recipients (a Map in the schema, a plain object when read lean). */
  const recipientStates = async () =>
    Object.fromEntries(
      Object.entries(
        ((await outbox()).feedbackOutbox!.recipients ?? {}) as unknown as Record<string, { state: string }>,
      ).map(([id, r]) => [id, r.state]),
    );

  it('GIVEN both workers run the feedback job at once THEN each DM, the summary and the lobby mention go out once', async () => {
    expect(recipients).to.have.members(w.alumni);
    const closed = w.alumni[3]!;
    w.drivers.closeDms(closed);
    expect(second.ctx.services.mixer.workerId).to.not.equal(w.bot.ctx.services.mixer.workerId);

    await Promise.all([
      runFeedbackJob(w.bot.ctx, w.bot.client, jobOf(w.bot), drive),
      runFeedbackJob(second.ctx, second.client, jobOf(second), drive),
    ]);

    for (const id of w.alumni)
      expect(feedbackDms(id), `feedback DMs to ${id}`).to.have.length(id === closed ? 0 : 1);
    expect(summaries(), 'summaries to the organiser').to.have.length(1);
    expect(fallbacks(), 'lobby mentions').to.have.length(1);
    expect(fallbacks()[0]!.content).to.include(`<@${closed}>`);
    const run = await outbox();
    expect(run.feedbackAsked).to.equal(true);
    const states = await recipientStates();
    for (const id of w.alumni) expect(states[id], id).to.equal(id === closed ? 'dmClosed' : 'sent');
    expect(run.feedbackOutbox!.summary!.state).to.equal('sent');
    expect(run.feedbackOutbox!.fallback!.state).to.equal('sent');
    expect(await feedbackJobs(), 'the feedback job removed once settled').to.equal(0);
  });

  it('GIVEN a DM claimed by a worker that died WHEN the job runs THEN the rest go out, and that one once its claim is stale', async () => {
    const held = w.alumni[0]!;
    expect(await claimRecipient(runId, held, 'dead-worker', w.clock.now)).to.deep.equal({
      stale: false,
      tries: 1,
    });
    const job = jobOf(w.bot);
    await runFeedbackJob(w.bot.ctx, w.bot.client, job, drive);

    expect(feedbackDms(held), 'held by the dead worker').to.have.length(0);
    for (const id of w.alumni.slice(1)) expect(feedbackDms(id), id).to.have.length(1);
    expect((await outbox()).feedbackAsked).to.equal(false);
    // The job comes back when the dead worker's claim runs stale.
    expect(job.attrs.nextRunAt!.getTime()).to.equal(w.clock.now.getTime() + FEEDBACK_CLAIM_MS + 1000);
    expect(await feedbackJobs()).to.equal(1);

    w.clock.advanceMs(FEEDBACK_CLAIM_MS + 1000);
    await runFeedbackJob(second.ctx, second.client, jobOf(second), drive);
    for (const id of w.alumni) expect(feedbackDms(id), id).to.have.length(1);
    expect(summaries()).to.have.length(1);
    expect(fallbacks(), 'nobody with closed DMs: no lobby mention').to.have.length(0);
    const run = await outbox();
    expect(run.feedbackAsked).to.equal(true);
    expect(run.feedbackOutbox!.fallback!.state).to.equal('none');
    expect(await feedbackJobs()).to.equal(0);
  });

  it('GIVEN a participant WHEN they export and erase their data THEN the outbox entry is in the export and gone after', async () => {
    await runFeedbackJob(w.bot.ctx, w.bot.client, jobOf(w.bot), drive);
    const person = w.alumni[2]!;
    const data = (await mixerPart.export({ guildId: w.guildId, userId: person, now: w.clock.now })) as {
      runs: { runId: string; feedbackDm: string | null }[];
    };
    expect(data.runs.find((r) => r.runId === runId)?.feedbackDm).to.equal('sent');

    await mixerPart.erase({ guildId: w.guildId, userId: person, now: w.clock.now });
    const ids = Object.keys(await recipientStates());
    expect(ids).to.not.include(person);
    expect(ids).to.have.length(w.alumni.length - 1);
  });
});
