import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { Agenda } from 'agenda';
import { useMongoose } from '../../../support/database.js';
import { createAgenda } from '../../../../shared/db/agenda.js';
import {
  defineEventJobs,
  EVENT_PLAN_JOB,
  schedulePlanning,
} from '../../../../shared/deepen/events/event-jobs.job.js';

const db = () => mongoose.connection.db as unknown as Db;
const noop = async () => undefined;

/** Polls the jobs collection (agenda runs on real time) until `probe` holds; bounded, no fixed sleep. */
async function until<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('Event jobs: the daily planning job', () => {
  useMongoose('events_plan_job');
  let agenda: Agenda;
  afterEach(async () => {
    await agenda.stop();
  });

  async function runOnce(plan: () => Promise<Date | null>) {
    agenda = createAgenda({ db: db(), processEveryMs: 30, name: 'plan-test', collection: 'planJobs' });
    defineEventJobs(agenda, { remind: noop, start: noop, end: noop, mixer: noop, plan });
    await schedulePlanning(agenda, 'series-1', new Date());
    await schedulePlanning(agenda, 'series-1', new Date());
    expect(await db().collection('planJobs').countDocuments({ name: EVENT_PLAN_JOB })).to.equal(1);
    const before = Date.now();
    await agenda.start();
    const job = await until(
      () =>
        db()
          .collection('planJobs')
          .findOne({ name: EVENT_PLAN_JOB, lastFinishedAt: { $ne: null } }),
      'the planning run',
    );
    return { job, before };
  }

  it('moves its one job to the time the run returns', async () => {
    const next = new Date(Date.now() + 86_400_000);
    const { job } = await runOnce(async () => next);
    expect((job.nextRunAt as Date).getTime()).to.equal(next.getTime());
  });

  it('keeps planning an hour later when a run fails', async () => {
    const { job, before } = await runOnce(async () => {
      throw new Error('database down');
    });
    await until(
      () => db().collection('planJobs').findOne({ name: EVENT_PLAN_JOB, failReason: 'database down' }),
      'the failure saved',
    );
    const saved = await db().collection('planJobs').findOne({ _id: job._id });
    expect((saved!.nextRunAt as Date).getTime()).to.be.within(before + 3_500_000, Date.now() + 3_600_000);
  });

  it('stops when the run says there is nothing left to plan', async () => {
    const { job } = await runOnce(async () => null);
    expect(job.nextRunAt ?? null).to.equal(null);
  });
});
