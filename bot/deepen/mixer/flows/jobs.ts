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
    await agenda
      .create<TickData>(MIXER_TICK_JOB, { runId: run.runId, round, kind })
      .unique({ 'data.runId': run.runId, 'data.round': round, 'data.kind': kind })
      .schedule(when)
      .save();
  }
}

/** Asks a worker to carry on with a run at `when` (after another worker's lease runs out). */
export async function scheduleResume(agenda: Agenda | undefined, runId: string, when: Date): Promise<void> {
  if (!agenda) return;
  await agenda.create(MIXER_RESUME_JOB, { runId }).unique({ 'data.runId': runId }).schedule(when).save();
}

/** Removes a finished run's jobs. */
export async function cancelJobs(agenda: Agenda | undefined, runId: string): Promise<void> {
  if (!agenda) return;
  await agenda.cancel({ names: [MIXER_TICK_JOB, MIXER_RESUME_JOB], data: { runId } });
}

export interface MixerJobHandlers {
  tick(ctx: BotContext, client: Client, data: TickData, job: Job<TickData>): Promise<void>;
  resume(ctx: BotContext, client: Client, runId: string): Promise<void>;
}

export function defineMixerJobs(
  agenda: Agenda,
  ctx: BotContext,
  client: Client,
  handlers: MixerJobHandlers,
): void {
  agenda.define<TickData>(MIXER_TICK_JOB, (job: Job<TickData>) =>
    handlers.tick(ctx, client, job.attrs.data, job),
  );
  agenda.define<{ runId: string }>(MIXER_RESUME_JOB, (job: Job<{ runId: string }>) =>
    handlers.resume(ctx, client, job.attrs.data.runId),
  );
}
