/**
 * The agenda jobs of scheduled events, one per (occurrence, step): each reminder is unique per
 * occurrence + offset, the start and the end per occurrence, so scheduling twice moves the one
 * job instead of adding another. Jobs sit at UTC instants computed from the wall clock (never
 * `repeatEvery`/cron, which fire at creation and drift across DST). What a job does in Discord
 * comes in as handlers, so the job layer is testable without a client.
 * Saved through saveUniqueJob and defined self-scheduling (shared/db/agenda.ts): a handler that
 * schedules its own job again (a mixer start retried, a seats check after a promotion) moves it.
 */
import { exponential, type Agenda, type Job } from 'agenda';
import { EVENT_SEATS_JOB, PROMOTION_LEASE_MS } from './seats.service.js';
import { defineSelfSchedulingJob, saveUniqueJob } from '../../db/agenda.js';

export const EVENT_REMINDER_JOB = 'deepen:event:reminder';
export const EVENT_START_JOB = 'deepen:event:start';
export const EVENT_END_JOB = 'deepen:event:end';
/** Starts the mixer of an event a few minutes after its start if too few had come at the start. */
export const EVENT_MIXER_JOB = 'deepen:event:mixer';
/** A dashboard request (create/edit/cancel) the worker carries out. */
export const EVENT_REQUEST_JOB = 'deepen:event:request';
/**
 * Plans a series ahead once a day (unique per series), independent of its occurrences' start jobs:
 * a series whose only planned occurrence is skipped, cancelled or fails to start still goes on.
 * It also retries publishing occurrences Discord refused.
 */
export const EVENT_PLAN_JOB = 'deepen:event:plan';
export { EVENT_SEATS_JOB } from './seats.service.js';
export const PLAN_EVERY_MS = 86_400_000;
const PLAN_RETRY_MS = 3_600_000;

export interface ReminderJobData {
  occurrenceId: string;
  offsetMinutes: number;
}
export interface OccurrenceJobData {
  occurrenceId: string;
}
export interface RequestJobData {
  requestId: string;
}
export interface PlanJobData {
  seriesId: string;
}

export interface EventJobHandlers {
  remind(data: ReminderJobData): Promise<void>;
  start(data: OccurrenceJobData): Promise<void>;
  end(data: OccurrenceJobData): Promise<void>;
  mixer(data: OccurrenceJobData): Promise<void>;
  request?(data: RequestJobData): Promise<void>;
  /** Plans the series; returns when to plan it again, or null when it has nothing left to plan. */
  plan?(data: PlanJobData): Promise<Date | null>;
  seats?(data: OccurrenceJobData): Promise<void>;
}

/** Defines the event jobs; a handler's failure reaches agenda's one `fail` listener. */
export function defineEventJobs(agenda: Agenda, handlers: EventJobHandlers): void {
  defineSelfSchedulingJob<ReminderJobData>(agenda, EVENT_REMINDER_JOB, (job: Job<ReminderJobData>) =>
    handlers.remind(job.attrs.data),
  );
  defineSelfSchedulingJob<OccurrenceJobData>(agenda, EVENT_START_JOB, (job: Job<OccurrenceJobData>) =>
    handlers.start(job.attrs.data),
  );
  defineSelfSchedulingJob<OccurrenceJobData>(agenda, EVENT_END_JOB, (job: Job<OccurrenceJobData>) =>
    handlers.end(job.attrs.data),
  );
  defineSelfSchedulingJob<OccurrenceJobData>(agenda, EVENT_MIXER_JOB, (job: Job<OccurrenceJobData>) =>
    handlers.mixer(job.attrs.data),
  );
  const request = handlers.request;
  if (request)
    defineSelfSchedulingJob<RequestJobData>(
      agenda,
      EVENT_REQUEST_JOB,
      (job: Job<RequestJobData>) => request(job.attrs.data),
      {
        // An unexpected failure (Discord or the database down) gives the request back: try again later.
        backoff: exponential({ delay: 30_000, maxRetries: 3 }),
      },
    );
  const seats = handlers.seats;
  if (seats)
    defineSelfSchedulingJob<OccurrenceJobData>(
      agenda,
      EVENT_SEATS_JOB,
      (job: Job<OccurrenceJobData>) => seats(job.attrs.data),
      {
        // Someone left untold (a DM refused for a reason other than closed DMs, a run cut short):
        // the handler throws, and the next try comes once their claim's lease has run out.
        backoff: exponential({ delay: PROMOTION_LEASE_MS + 60_000, maxRetries: 4 }),
      },
    );
  const plan = handlers.plan;
  if (plan)
    agenda.define<PlanJobData>(EVENT_PLAN_JOB, async (job: Job<PlanJobData>) => {
      // The same job document moves on (agenda saves nextRunAt after the run): never two per series,
      // and no `repeatEvery`, which would fire at creation.
      try {
        job.attrs.nextRunAt = await plan(job.attrs.data);
      } catch (error) {
        // A failed run (the database or Discord down) must not end the series' planning: try
        // again in an hour (agenda's own clock), and let the `fail` listener log it.
        job.attrs.nextRunAt = new Date(Date.now() + PLAN_RETRY_MS);
        throw error;
      }
    });
}

/** Schedules (or moves) the series' planning job to `at` (unique per series). */
export async function schedulePlanning(agenda: Agenda, seriesId: string, at: Date): Promise<void> {
  await saveUniqueJob<PlanJobData>(agenda, EVENT_PLAN_JOB, { seriesId }, { 'data.seriesId': seriesId }, at);
}

/**
 * Schedules an occurrence's reminders and start. A reminder whose instant is not after `now` is
 * not scheduled: nothing fires at creation (an event created 10 minutes ahead gets no 15-minute
 * reminder). Returns the instants scheduled.
 */
export async function scheduleOccurrenceJobs(
  agenda: Agenda,
  occurrence: { occurrenceId: string; start: Date },
  reminderMinutes: readonly number[],
  now: Date,
): Promise<{ reminders: { offsetMinutes: number; at: Date }[]; start: Date }> {
  const { occurrenceId, start } = occurrence;
  const reminders: { offsetMinutes: number; at: Date }[] = [];
  for (const offsetMinutes of new Set(reminderMinutes)) {
    const at = new Date(start.getTime() - offsetMinutes * 60_000);
    if (at <= now) continue;
    await saveUniqueJob<ReminderJobData>(
      agenda,
      EVENT_REMINDER_JOB,
      { occurrenceId, offsetMinutes },
      { 'data.occurrenceId': occurrenceId, 'data.offsetMinutes': offsetMinutes },
      at,
    );
    reminders.push({ offsetMinutes, at });
  }
  await saveUniqueJob<OccurrenceJobData>(
    agenda,
    EVENT_START_JOB,
    { occurrenceId },
    { 'data.occurrenceId': occurrenceId },
    start,
  );
  return { reminders, start };
}

/** Schedules the end of a started occurrence (unique per occurrence). */
export async function scheduleEnd(agenda: Agenda, occurrenceId: string, end: Date): Promise<void> {
  await saveUniqueJob<OccurrenceJobData>(
    agenda,
    EVENT_END_JOB,
    { occurrenceId },
    { 'data.occurrenceId': occurrenceId },
    end,
  );
}

/** Schedules the late start of an occurrence's mixer (unique per occurrence). */
export async function scheduleMixerStart(agenda: Agenda, occurrenceId: string, at: Date): Promise<void> {
  await saveUniqueJob<OccurrenceJobData>(
    agenda,
    EVENT_MIXER_JOB,
    { occurrenceId },
    { 'data.occurrenceId': occurrenceId },
    at,
  );
}

/** Removes an occurrence's pending jobs (cancelled, or rescheduled after an edit). */
export async function cancelOccurrenceJobs(agenda: Agenda, occurrenceId: string): Promise<number> {
  let removed = 0;
  for (const name of [EVENT_REMINDER_JOB, EVENT_START_JOB, EVENT_END_JOB, EVENT_MIXER_JOB])
    removed += await agenda.cancel({ name, data: { occurrenceId } });
  return removed;
}

/**
 * Schedules the check that everyone moved up from the waitlist was told, once their claims' lease
 * has run out (unique per occurrence): written before the DMs, so a run cut short is finished.
 */
export async function scheduleSeatsCheck(agenda: Agenda, occurrenceId: string, now: Date): Promise<void> {
  await saveUniqueJob<OccurrenceJobData>(
    agenda,
    EVENT_SEATS_JOB,
    { occurrenceId },
    { 'data.occurrenceId': occurrenceId },
    new Date(now.getTime() + PROMOTION_LEASE_MS + 60_000),
  );
}
