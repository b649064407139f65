/**
 * Jobs that schedule their own unique document again from inside their handler (a mixer resume
 * that hands on or retries, the feedback job driving a run whose cleanup saves it again). Agenda 6
 * nulls a one-off job's nextRunAt when it starts and saves that when the handler returns, so a
 * plain upsert made meanwhile was lost. These run the real agenda loop against the embedded store
 * with the real job definitions (jobs.ts, feedback-job.ts) and wait for the second run.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import { useMongoose } from '../../support/database.js';
import { createAgenda } from '../../../shared/db/agenda.js';
import type { BotContext } from '../../../bot/context.js';
import {
  defineMixerJobs,
  MIXER_FEEDBACK_JOB,
  MIXER_RESUME_JOB,
  scheduleFeedbackJob,
  scheduleResume,
} from '../../../bot/deepen/mixer/flows/jobs.js';
import { defineFeedbackJob } from '../../../bot/deepen/mixer/flows/feedback-job.js';

/** Waits for `probe` to hold (the state asserted, not an earlier side effect). */
async function until(probe: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const soon = () => new Date(Date.now() + 100);
const client = {} as Client;

describe('agenda jobs that schedule themselves again', function () {
  this.timeout(30_000);
  useMongoose('agenda_self_schedule');
  let agenda: Agenda | undefined;
  const db = () => mongoose.connection.db as unknown as Db;
  const jobs = () => db().collection('agendaJobs');

  afterEach(async () => {
    await agenda?.stop();
    agenda = undefined;
  });

  /** The mixer's real job definitions with a test resume handler; agenda started. */
  async function mixerAgenda(resume: (runId: string, hops: number) => Promise<void>): Promise<Agenda> {
    const a = createAgenda({ db: db(), processEveryMs: 50, name: 'self-schedule-test' });
    defineMixerJobs(a, {} as BotContext, client, {
      tick: async () => undefined,
      resume: (_c, _cl, runId, hops) => resume(runId, hops),
    });
    await a.start();
    return a;
  }

  it('a resume that hands on from inside the resume job runs the next hop, up to the last', async () => {
    const seen: number[] = [];
    const lockedAfterSave: boolean[] = [];
    agenda = await mixerAgenda(async (runId, hops) => {
      seen.push(hops);
      // As driver.ts handOn: the next hop, on the same unique document, with the count.
      if (hops < 2) {
        await scheduleResume(agenda, runId, soon(), hops + 1);
        // Still this worker's: no other worker may take the document before this handler returns.
        const doc = await jobs().findOne({ name: MIXER_RESUME_JOB });
        lockedAfterSave.push(doc?.lockedAt instanceof Date && doc.data?.hops === hops + 1);
      }
    });
    await scheduleResume(agenda, 'run-hop', new Date());
    await until(() => seen.length >= 3);
    await until(async () => (await jobs().findOne({ name: MIXER_RESUME_JOB }))?.lockedAt === null);
    const doc = await jobs().findOne({ name: MIXER_RESUME_JOB });
    expect(seen).to.deep.equal([0, 1, 2]);
    expect(lockedAfterSave).to.deep.equal([true, true]);
    expect(doc?.data).to.deep.equal({ runId: 'run-hop', hops: 2 });
    expect(doc?.nextRunAt).to.equal(null);
    expect(await jobs().countDocuments({ name: MIXER_RESUME_JOB })).to.equal(1);
  });

  it('a retry saved from inside the resume job (the same data) runs again', async () => {
    let runs = 0;
    agenda = await mixerAgenda(async (runId) => {
      runs += 1;
      // As driver.ts after a failed drive: the retry resume, same run, no hops.
      if (runs === 1) await scheduleResume(agenda, runId, soon());
    });
    await scheduleResume(agenda, 'run-retry', new Date());
    await until(() => runs >= 2);
    await until(async () => (await jobs().findOne({ name: MIXER_RESUME_JOB }))?.lastFinishedAt != null);
    expect(runs).to.equal(2);
  });

  it('a resume saved by a drive that outlives its job is an ordinary save, and runs', async () => {
    let runs = 0;
    let background: Promise<void> = Promise.resolve();
    agenda = await mixerAgenda(async (runId) => {
      runs += 1;
      // A drive left running after the handler returned (membership's `void drive`).
      if (runs === 1)
        background = new Promise<void>((r) => setTimeout(r, 300)).then(() =>
          scheduleResume(agenda, runId, soon()),
        );
    });
    await scheduleResume(agenda, 'run-late', new Date());
    await until(() => runs >= 2);
    await background;
    expect(runs).to.equal(2);
  });

  it('the feedback job driving a run still running runs again once the cleanup saved it', async () => {
    let drives = 0;
    agenda = createAgenda({ db: db(), processEveryMs: 50, name: 'self-schedule-test' });
    const running = { status: 'running', guildId: 'g1' };
    const ctx = {
      services: { mixer: { runs: { getRun: async () => running } } },
    } as unknown as BotContext;
    defineFeedbackJob(agenda, ctx, client, async (_c, _cl, runId) => {
      drives += 1;
      // As finish.ts on the cleanup step: the feedback job saved again, one claim later.
      if (drives === 1) await scheduleFeedbackJob(agenda, runId, new Date(), 100);
    });
    await agenda.start();
    await scheduleFeedbackJob(agenda, 'run-feedback', new Date(), 0);
    await until(() => drives >= 2);
    expect(drives).to.equal(2);
    expect(await jobs().countDocuments({ name: MIXER_FEEDBACK_JOB })).to.equal(1);
  });

  it('outside any job, saving a resume twice moves the one document', async () => {
    agenda = createAgenda({ db: db(), processEveryMs: 50, name: 'self-schedule-test' });
    await agenda.ready;
    const later = new Date(Date.now() + 3_600_000);
    await scheduleResume(agenda, 'run-out', new Date(Date.now() + 60_000));
    await scheduleResume(agenda, 'run-out', later, 1);
    const docs = await jobs().find({ name: MIXER_RESUME_JOB }).toArray();
    expect(docs).to.have.length(1);
    expect(docs[0]?.nextRunAt?.getTime()).to.equal(later.getTime());
    expect(docs[0]?.data).to.deep.equal({ runId: 'run-out', hops: 1 });
  });
});
