/** What the mixer's agenda jobs do: a round's warning or end (moved when the round was extended), a resume. */
import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { drive } from './driver.js';
import { defineMixerJobs, WARNING_MS } from './jobs.js';
import { defineFeedbackJob } from './feedback-job.js';

export function defineMixerJobHandlers(agenda: Agenda, ctx: BotContext, client: Client): void {
  defineMixerJobs(agenda, ctx, client, {
    async tick(c, cl, data, job) {
      const run = await c.services.mixer.runs.getRun(data.runId).catch(() => null);
      if (
        !run ||
        run.status !== 'running' ||
        run.phase !== 'talking' ||
        run.state.currentRound !== data.round
      )
        return;
      const now = c.services.clock.now();
      const due = run.roundEndsAt
        ? new Date(run.roundEndsAt.getTime() - (data.kind === 'warn' ? WARNING_MS : 0))
        : now;
      if (now < due) {
        // The round was extended after this job was set: it runs again at the new time.
        job.schedule(due);
        return;
      }
      await drive(
        c,
        cl,
        data.runId,
        data.kind === 'warn' ? { kind: 'warn', round: data.round } : { kind: 'end-round', round: data.round },
      );
    },
    async resume(c, cl, runId, hops) {
      await drive(c, cl, runId, undefined, hops);
    },
  });
  // A finished mixer's outbox after a crash (or a run the crash left before its done step).
  defineFeedbackJob(agenda, ctx, client, (c, cl, runId) => drive(c, cl, runId));
}
