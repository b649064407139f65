/**
 * The relay check job: one agenda job per nomination (unique by link id). At the reminder due
 * time it marks the nomination reminded and calls `notifyReminder` once; at the pass due time it
 * hands the baton back and calls `notifyPassed`. Discord side effects come in as callbacks, so
 * this stays testable without a Discord client.
 */
import type { Agenda, Job } from 'agenda';
import type { Logger } from '../logger.js';
import type { RelayCheckResult } from './relay-check.service.js';

export const RELAY_CHECK_JOB = 'relay:check';

export interface RelayCheckJobData {
  linkId: string;
}

export type RemindedResult = Extract<RelayCheckResult, { action: 'reminded' }>;
export type PassedResult = Extract<RelayCheckResult, { action: 'passed' }>;

export interface RelayJobDeps {
  /** relay.service's `processRelayLink` (or a fake in tests). */
  processRelayLink(linkId: string, now: Date): Promise<RelayCheckResult>;
  /** DM the nominee a reminder (called once per nomination). */
  notifyReminder(result: RemindedResult): Promise<void>;
  /** Tell the nominator (or organisers) the baton is back, with the candidate pool. */
  notifyPassed(result: PassedResult): Promise<void>;
  /** The clock; defaults to the system clock. */
  now?: () => Date;
  logger?: Logger;
}

/**
 * Defines the relay check job. A failed notification (DMs closed, member gone) is logged and
 * does not undo the state change: the reminder is not sent twice and the pass still happens.
 */
export function defineRelayJobs(agenda: Agenda, deps: RelayJobDeps): void {
  agenda.define<RelayCheckJobData>(RELAY_CHECK_JOB, async (job: Job<RelayCheckJobData>) => {
    const { linkId } = job.attrs.data;
    const now = deps.now?.() ?? new Date();
    const result = await deps.processRelayLink(linkId, now);
    if (result.action === 'reminded') {
      await safely(() => deps.notifyReminder(result), deps.logger, linkId, 'reminder');
    } else if (result.action === 'passed') {
      await safely(() => deps.notifyPassed(result), deps.logger, linkId, 'pass');
    }
    if (result.action === 'waiting' || result.action === 'reminded') {
      // The job reschedules itself: agenda saves nextRunAt when the run ends, so the link keeps one job.
      job.schedule(result.nextCheckAt);
    }
  });
}

async function safely(
  fn: () => Promise<void>,
  logger: Logger | undefined,
  linkId: string,
  what: string,
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    logger?.warn({ err: error, linkId, job: RELAY_CHECK_JOB }, `relay ${what} notification failed`);
  }
}

/**
 * Schedules the check of a nomination at `when` (normally its `reminderDueAt`). Unique per link:
 * calling it again moves the one existing job instead of adding another.
 */
export async function scheduleRelayCheck(agenda: Agenda, linkId: string, when: Date): Promise<void> {
  await agenda
    .create<RelayCheckJobData>(RELAY_CHECK_JOB, { linkId })
    .unique({ 'data.linkId': linkId })
    .schedule(when)
    .save();
}

/** Removes the check of a nomination (e.g. after erasure); a closed link's job also ends by itself. */
export async function cancelRelayCheck(agenda: Agenda, linkId: string): Promise<number> {
  return agenda.cancel({ name: RELAY_CHECK_JOB, data: { linkId } });
}
