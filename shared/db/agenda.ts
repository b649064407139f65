import { Agenda } from 'agenda';
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
