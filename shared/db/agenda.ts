import { AsyncLocalStorage } from 'node:async_hooks';
import { Agenda, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import { childLogger, type Logger } from '../logger.js';
import type { JobQueue } from './job-queue.js';

export interface AgendaOptions {
  /** The database that holds the jobs collection (mongoose's `connection.db`, or a driver Db). */
  db: Db;
  /** Instance name, stored as lastModifiedBy (useful with several workers). */
  name?: string;
  /** Poll interval in ms. Must be a number: agenda reads the string "100 ms" as its 5 s default. */
  processEveryMs?: number;
  maxConcurrency?: number;
  collection?: string;
}

/**
 * Builds an agenda instance on the MongoDB backend. Jobs are locked in the database, so
 * several workers may run at once and each job still runs once.
 *
 * Traps this factory guards against (see README): `processEvery` must be numeric;
 * `repeatAt` ignores `repeatTimezone`; `repeatEvery` fires at creation unless `skipImmediate`.
 */
export function createAgenda(options: AgendaOptions): Agenda {
  const processEvery = options.processEveryMs ?? 5_000;
  if (!Number.isFinite(processEvery) || processEvery <= 0) {
    throw new Error(`processEveryMs must be a positive number of milliseconds, got ${String(processEvery)}`);
  }
  return new Agenda({
    backend: new MongoBackend({
      mongo: options.db,
      collection: options.collection ?? 'agendaJobs',
      ...(options.name ? { name: options.name } : {}),
    }),
    processEvery,
    maxConcurrency: options.maxConcurrency ?? 20,
    ...(options.name ? { name: options.name } : {}),
  });
}

/**
 * THE error boundary of jobs: one `fail` listener logs every failed job with a child logger
 * carrying the job's name and ids (a job's own code never needs a try/catch just to log).
 */
export function logJobFailures(agenda: Agenda, logger: Logger): void {
  agenda.on(
    'fail',
    (error: Error | string, job: { attrs?: { name?: string; _id?: unknown; data?: unknown } }) => {
      const attrs = job.attrs ?? {};
      // Only the data's plain ids (linkId, mixerId…) go into the log context, never nested objects.
      const ids = Object.fromEntries(
        Object.entries(typeof attrs.data === 'object' && attrs.data !== null ? attrs.data : {}).filter(
          ([, value]) => typeof value === 'string' || typeof value === 'number',
        ),
      );
      childLogger(logger, { job: attrs.name ?? 'unknown', jobId: String(attrs._id ?? ''), ...ids }).error(
        { err: error },
        'job failed',
      );
    },
  );
}

/** A queue on an agenda instance that is never started (the web process only writes jobs). */
export function agendaJobQueue(agenda: Agenda): JobQueue {
  return {
    async now(name, data) {
      await agenda.ready;
      await agenda.now(name, data);
    },
  };
}

/** The job whose handler is running in this async context; `open` turns false once it returned. */
interface RunningJob {
  job: Job;
  open: boolean;
}

// Not state shared between calls: each handler gets its own scope, read only by code it awaits.
const runningJob = new AsyncLocalStorage<RunningJob>();

type Handler<T> = (job: Job<T>) => Promise<void>;

/**
 * `agenda.define` for a job whose handler may schedule its own unique document again (a resume
 * that hands on, a retry, a tick that moves). Agenda 6 sets a one-off job's nextRunAt to null when
 * it starts and saves that state when the handler returns, over anything the handler upserted
 * on the same document meanwhile; inside this scope `saveUniqueJob` moves the running job instead.
 */
export function defineSelfSchedulingJob<T>(
  agenda: Agenda,
  name: string,
  handler: Handler<T>,
  options?: Parameters<Agenda['define']>[2],
): void {
  agenda.define<T>(
    name,
    async (job: Job<T>) => {
      const scope: RunningJob = { job: job as unknown as Job, open: true };
      try {
        await runningJob.run(scope, () => handler(job));
      } finally {
        // A drive left running in the background must not move a job agenda has already saved.
        scope.open = false;
      }
    },
    options,
  );
}

function valueAt(data: unknown, path: string): unknown {
  if (!path.startsWith('data.')) return undefined;
  return typeof data === 'object' && data !== null
    ? (data as Record<string, unknown>)[path.slice('data.'.length)]
    : undefined;
}

/**
 * Saves (or moves) the unique job `name` + `unique` (keys `data.<field>`) to run at `when`. Called
 * from inside that very job's handler (defineSelfSchedulingJob), it moves the running job instead
 * (an upsert would unlock the document, and agenda's save at the end would null its nextRunAt).
 * Anywhere else it is agenda's ordinary upsert.
 */
export async function saveUniqueJob<T extends object>(
  agenda: Agenda,
  name: string,
  data: T,
  unique: Record<string, unknown>,
  when: Date,
): Promise<void> {
  const scope = runningJob.getStore();
  const self =
    scope?.open === true &&
    scope.job.attrs.name === name &&
    Object.entries(unique).every(
      ([path, value]) => JSON.stringify(valueAt(scope.job.attrs.data, path)) === JSON.stringify(value),
    );
  if (self) {
    // The running job itself, by its id and still locked (no other worker takes it meanwhile):
    // the data (a hop count) is written now, and agenda's own save at the end keeps nextRunAt.
    scope.job.attrs.data = data;
    scope.job.schedule(when);
    await agenda.db.saveJob(scope.job.toJson(), { lastModifiedBy: agenda.attrs.name || undefined });
    return;
  }
  await agenda.create<T>(name, data).unique(unique).schedule(when).save();
}
