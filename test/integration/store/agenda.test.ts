/**
 * Conformance through agenda: two workers on the same database compete for the same jobs and
 * each job runs exactly once, which relies on the store's atomic findAndModify locking.
 */
import { expect } from 'chai';
import type { Agenda } from 'agenda';
import { createAgenda } from '../../../shared/db/agenda.js';
import { useDriver } from '../../support/database.js';
import { waitUntil } from './support/target.js';

const JOBS = 30;
const DEADLINE_MS = 20_000;

describe('store conformance: agenda', () => {
  const { db } = useDriver('agenda');
  const started: Agenda[] = [];

  afterEach(async () => {
    await Promise.all(started.splice(0).map((agenda) => agenda.stop(false)));
  });

  it('two agenda instances competing for 30 jobs run each job exactly once', async function () {
    this.timeout(DEADLINE_MS + 10_000);
    const runs = new Map<number, string[]>();
    const workers = ['worker-a', 'worker-b'].map((name) => {
      const agenda = createAgenda({ db: db(), name, processEveryMs: 50 });
      agenda.define<{ id: number }>('conformance-count', async (job) => {
        const id = job.attrs.data.id;
        runs.set(id, [...(runs.get(id) ?? []), name]);
      });
      return agenda;
    });
    started.push(...workers);
    await Promise.all(workers.map((agenda) => agenda.start()));

    const [scheduler] = workers;
    if (!scheduler) throw new Error('no worker');
    await Promise.all(Array.from({ length: JOBS }, (_, id) => scheduler.now('conformance-count', { id })));

    const jobs = db().collection('agendaJobs');
    const allFinished = await waitUntil(
      async () =>
        runs.size === JOBS &&
        (await jobs.countDocuments({ name: 'conformance-count', lastFinishedAt: { $ne: null } })) === JOBS,
      DEADLINE_MS,
    );
    await Promise.all(started.splice(0).map((agenda) => agenda.stop(false)));

    expect(allFinished, `only ${runs.size} of ${JOBS} jobs ran within ${DEADLINE_MS} ms`).to.equal(true);
    const counts = Array.from({ length: JOBS }, (_, id) => runs.get(id)?.length ?? 0);
    expect(counts).to.deep.equal(Array.from({ length: JOBS }, () => 1));
    expect(await jobs.countDocuments({ name: 'conformance-count' })).to.equal(JOBS);
  });
});
