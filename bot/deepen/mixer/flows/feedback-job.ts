/**
 * The handler of `deepen:mixer:feedback` (jobs.ts), unique per run: the net under a finished
 * mixer's outbox. It is saved before the done step (which stores the outbox), due one
 * claim-length later; the worker that ends the mixer sends the outbox at once and removes the
 * job when everything is settled. A worker that dies mid-way leaves the job: it fires on
 * whichever worker is alive (no GuildAvailable needed) and sends the rest. A run still running
 * when it fires (the crash came before the done step) is driven instead; its cleanup step saves
 * the job again. A guild the bot has left gives the outbox up at once; one away from this
 * worker's cache (an outage, another shard) is tried again a bounded number of times.
 */
import { exponential, type Agenda, type Job } from 'agenda';
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { FEEDBACK_CLAIM_MS } from '../../../../shared/deepen/mixer/mixer-feedback-outbox.service.js';
import { abandonFeedback, deliverFeedback } from './feedback-delivery.js';
import { MIXER_FEEDBACK_JOB } from './jobs.js';
import { defineSelfSchedulingJob } from '../../../../shared/db/agenda.js';

export interface FeedbackJobData {
  runId: string;
}

type Drive = (ctx: BotContext, client: Client, runId: string) => Promise<void>;

/**
 * One pass over the outbox; the same job document moves to when a claim held elsewhere runs
 * stale, until everything is settled (the pass then removes it).
 */
export async function runFeedbackJob(
  ctx: BotContext,
  client: Client,
  job: Job<FeedbackJobData>,
  drive: Drive,
): Promise<void> {
  const { runId } = job.attrs.data;
  const run = await ctx.services.mixer.runs.getRun(runId).catch(() => null);
  if (!run) return;
  if (run.status === 'running') {
    await drive(ctx, client, runId);
    return;
  }
  const guild = client.guilds.cache.get(run.guildId);
  if (!guild && (await guildGone(client, run.guildId))) {
    await abandonFeedback(ctx, runId, 'the bot is no longer in the guild');
    return;
  }
  const again = await deliverFeedback(ctx, guild, runId);
  if (again) job.schedule(again);
}

/**
 * Discord no longer lets the bot see the guild: 10004 Unknown Guild, or 50001 Missing Access once
 * the bot was removed. Any other answer (or none) may pass: the guild counts as away.
 */
async function guildGone(client: Client, guildId: string): Promise<boolean> {
  try {
    await client.rest.get(Routes.guild(guildId));
    return false;
  } catch (error) {
    return (
      error instanceof DiscordAPIError &&
      (error.code === RESTJSONErrorCodes.UnknownGuild || error.code === RESTJSONErrorCodes.MissingAccess)
    );
  }
}

export function defineFeedbackJob(agenda: Agenda, ctx: BotContext, client: Client, drive: Drive): void {
  // Self-scheduling: a run still running is driven, and its cleanup saves this very job again.
  defineSelfSchedulingJob<FeedbackJobData>(
    agenda,
    MIXER_FEEDBACK_JOB,
    (job: Job<FeedbackJobData>) => runFeedbackJob(ctx, client, job, drive),
    // The database or Discord down mid-pass: try again; claims left behind run stale meanwhile.
    { backoff: exponential({ delay: FEEDBACK_CLAIM_MS, maxRetries: 5 }) },
  );
}
