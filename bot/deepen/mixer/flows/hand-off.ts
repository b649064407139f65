/**
 * The mixer's part of the worker's stop (BotFeature.stop: after the scheduler's drain and the
 * client's destroy). A run whose lease this worker still holds was cut mid-drive: a job still
 * running when the drain bound passed, or a drive started outside agenda (a voice change, a
 * reconcile). Nothing else would drive it: its tick may find the phase moved on, and its lock
 * keeps agenda's job for 10 minutes. So each gets a resume on whichever worker is alive.
 */
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import { scheduleResume } from './jobs.js';

/** A second past the lease: a renewal this process still has in flight cannot outlast it. */
const AFTER_LEASE_MS = 1_000;

export async function handOffHeldRuns(ctx: BotContext): Promise<void> {
  const svc = ctx.services.mixer;
  if (!ctx.agenda) return;
  const held = (await svc.runs.runningRuns()).filter((run) => run.lease.owner === svc.workerId);
  for (const run of held) {
    const until = run.lease.until ?? ctx.services.clock.now();
    // The resume first (the durable step), then the lease: a failure between them leaves the
    // lease to run out, and the resume finds it free.
    await scheduleResume(ctx.agenda, run.runId, new Date(until.getTime() + AFTER_LEASE_MS));
    await svc.runs.releaseLeaseAndTakeMark(run.runId, svc.workerId);
    childLogger(ctx.logger, { runId: run.runId, guildId: run.guildId }).warn(
      'mixer drive cut by the stop: resumed on another worker once the lease runs out',
    );
  }
}
