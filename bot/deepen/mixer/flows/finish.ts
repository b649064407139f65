/**
 * After the last round: pair history, attendance and the summary stored; then the outbox (the
 * organiser's summary, every participant's feedback DM, the lobby mention for closed DMs) stored
 * with the done step and sent item by item (feedback-delivery.ts). The feedback job is saved
 * before the done step, so a crash anywhere after it leaves a job that sends the rest.
 */
import type { Guild } from 'discord.js';
import { stateOf, type MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { scrubbedState } from '../../../../shared/deepen/mixer/mixer-run-view.js';
import type { BotContext } from '../../../context.js';
import { deliverFeedback } from './feedback-delivery.js';
import { scheduleFeedbackJob } from './jobs.js';

/** `owner`: the worker whose lease fences the final write (the driver passes its own). */
export async function finishRun(
  ctx: BotContext,
  guild: Guild,
  run: MixerRunView,
  owner?: string,
): Promise<MixerRunView> {
  const svc = ctx.services.mixer;
  const now = ctx.services.clock.now();
  // Rounds that reached talking: one ended while people were still being moved did not happen.
  const played = run.roundsPlayed;
  await svc.finish.recordOutcome(run.runId, played, now);
  const recipients = await svc.feedback.feedbackRecipients(run.runId);
  // The net first: from here on a crash leaves a job that finishes the sending (or the run).
  await scheduleFeedbackJob(ctx.agenda, run.runId, now, svc.feedback.FEEDBACK_CLAIM_MS);
  const done = await svc.runs.saveStep(
    run.runId,
    {
      status: 'done',
      phase: 'done',
      feedbackOutbox: svc.feedback.newOutbox(recipients),
      state: scrubbedState(stateOf(run)),
    },
    owner,
  );
  // Settled: the job is removed. Else (a claim another worker holds) the job comes back for it.
  await deliverFeedback(ctx, guild, run.runId);
  return done;
}
