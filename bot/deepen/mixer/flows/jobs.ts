/**
 * The mixer's agenda jobs. `mixer:tick` fires at a round's one-minute warning and at its end,
 * unique per run + round + kind, so scheduling again (an extension, a restart) moves the one job;
 * `mixer:resume` lets a worker pick up a run whose lease a dead worker still held.
 *
 * A worker killed while running a job leaves it locked: agenda hands it to another worker only
 * after its lockLifetime (agenda 6's default, 10 minutes). Nothing waits for that: the fresh
 * worker drives the run from its stored step (GuildAvailable), a past deadline ends the round
 * then, and saving a unique job again (scheduleResume, scheduleTicks) stores it unlocked. A job
 * run late finds its round over and does nothing.
 */
import type { Agenda, Job } from 'agenda';
import type { Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { defineSelfSchedulingJob, saveUniqueJob } from '../../../../shared/db/agenda.js';

export const MIXER_TICK_JOB = 'mixer:tick';
export const MIXER_RESUME_JOB = 'mixer:resume';
export const WARNING_MS = 60_000;

export interface TickData {
  runId: string;
  round: number;
  kind: 'warn' | 'end';
}

/** Schedules (or moves) the round's warning and end jobs from the stored `roundEndsAt`. */
export async function scheduleTicks(agenda: Agenda | undefined, run: MixerRunView): Promise<void> {
  if (!agenda || !run.roundEndsAt) return;
  const round = run.state.currentRound;
  const end = run.roundEndsAt;
  const kinds: TickData['kind'][] = run.minutesPerRound >= 2 ? ['warn', 'end'] : ['end'];
  for (const kind of kinds) {
    const when = kind === 'warn' ? new Date(end.getTime() - WARNING_MS) : end;
    // Through saveUniqueJob: a tick's own step may move that very tick (see shared/db/agenda.ts).
    await saveUniqueJob<TickData>(
      agenda,
      MIXER_TICK_JOB,
      { runId: run.runId, round, kind },
      { 'data.runId': run.runId, 'data.round': round, 'data.kind': kind },
      when,
    );
  }
}

export interface ResumeData {
  runId: string;
  /** Workers in a row that took this drive without holding the guild (driver.ts handOn). */
  hops?: number;
}

/**
 * Asks a worker to carry on with a run at `when` (after another worker's lease runs out, or on
 * another worker when this one does not hold the guild: `hops`). Saving again moves the one job
 * and replaces its data, so any other reason to resume starts the hop count afresh.
 */
export async function scheduleResume(
  agenda: Agenda | undefined,
  runId: string,
  when: Date,
  hops?: number,
): Promise<void> {
  if (!agenda) return;
  const data: ResumeData = hops === undefined ? { runId } : { runId, hops };
  // Called from inside the resume job too (a hand-on, a retry): saveUniqueJob moves that job.
  await saveUniqueJob(agenda, MIXER_RESUME_JOB, { ...data }, { 'data.runId': runId }, when);
}

/**
 * `deepen:mixer:feedback`, unique per run: the net under a finished mixer's outbox (flows/
 * feedback-job.ts). Saved before the done step, due one claim-length later; removed once the
 * outbox is settled.
 */
export const MIXER_FEEDBACK_JOB = 'deepen:mixer:feedback';

/** Saves (or moves) the run's feedback job to `claimMs` after `now`. */
export async function scheduleFeedbackJob(
  agenda: Agenda | undefined,
  runId: string,
  now: Date,
  claimMs: number,
): Promise<void> {
  if (!agenda) return;
  // Called from inside the feedback job too (it drives a run still running): see saveUniqueJob.
  const when = new Date(now.getTime() + claimMs);
  await saveUniqueJob(agenda, MIXER_FEEDBACK_JOB, { runId }, { 'data.runId': runId }, when);
}

/** Removes the run's feedback job (its outbox is settled). */
export async function cancelFeedbackJob(agenda: Agenda | undefined, runId: string): Promise<void> {
  if (!agenda) return;
  await agenda.cancel({ name: MIXER_FEEDBACK_JOB, data: { runId } });
}

/** Removes a finished run's jobs. */
export async function cancelJobs(agenda: Agenda | undefined, runId: string): Promise<void> {
  if (!agenda) return;
  await agenda.cancel({ names: [MIXER_TICK_JOB, MIXER_RESUME_JOB], data: { runId } });
}

export interface MixerJobHandlers {
  tick(ctx: BotContext, client: Client, data: TickData, job: Job<TickData>): Promise<void>;
  resume(ctx: BotContext, client: Client, runId: string, hops: number): Promise<void>;
}

export function defineMixerJobs(
  agenda: Agenda,
  ctx: BotContext,
  client: Client,
  handlers: MixerJobHandlers,
): void {
  defineSelfSchedulingJob<TickData>(agenda, MIXER_TICK_JOB, (job: Job<TickData>) =>
    handlers.tick(ctx, client, job.attrs.data, job),
  );
  defineSelfSchedulingJob<ResumeData>(agenda, MIXER_RESUME_JOB, (job: Job<ResumeData>) =>
    handlers.resume(ctx, client, job.attrs.data.runId, job.attrs.data.hops ?? 0),
  );
}
