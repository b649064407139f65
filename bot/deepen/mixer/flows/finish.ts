/**
 * After the last round: pair history, attendance and the summary stored; the organiser gets the
 * summary; every participant gets the feedback DM (or, with DMs closed, a mention in the lobby
 * chat with a button that opens the same controls).
 */
import type { Guild } from 'discord.js';
import { stateOf, type MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { scrubbedState } from '../../../../shared/deepen/mixer/mixer-run-view.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import type { BotContext } from '../../../context.js';
import { isDmClosed } from '../../../core/discord-errors.js';
import { feedbackFallback, feedbackMessage } from '../presenters/feedback.presenter.js';

/** Display names for ids (the member's name in the guild, else the user's, else the id). */
export async function namesOf(guild: Guild, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return Promise.all(
    ids.map(async (id) => {
      const member = guild.members.cache.get(id) ?? (await guild.members.fetch(id).catch(() => null));
      return { id, name: member?.displayName ?? id };
    }),
  );
}

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
  const recorded = await svc.finish.recordOutcome(run.runId, played, now);
  const done = await svc.runs.saveStep(
    run.runId,
    { status: 'done', phase: 'done', feedbackAsked: true, state: scrubbedState(stateOf(run)) },
    owner,
  );
  if (recorded.feedbackAsked) return done;
  const tr = translator(run.locale as Locale);
  const summary = tr('deepen.mixer.summary', {
    people: done.summary.people,
    groups: done.summary.groups,
    newPairs: done.summary.newPairs,
    rounds: played,
  });
  const organiser = await guild.client.users.fetch(run.organiserId).catch(() => null);
  const sent = organiser
    ? await organiser.send({ content: summary }).then(
        () => true,
        () => false,
      )
    : false;
  if (!sent) {
    const lobby = guild.channels.cache.get(run.controlChannelId ?? run.lobbyChannelId);
    if (lobby?.isSendable()) await lobby.send({ content: summary }).catch(() => undefined);
  }
  await askFeedback(ctx, guild, done);
  return done;
}

async function askFeedback(ctx: BotContext, guild: Guild, run: MixerRunView): Promise<void> {
  const tr = translator(run.locale as Locale);
  const closed: string[] = [];
  for (const userId of run.everyone) {
    const mates = await ctx.services.mixer.finish.groupmatesInRun(run.runId, userId);
    if (mates.length === 0) continue;
    try {
      const user = await guild.client.users.fetch(userId);
      await user.send(feedbackMessage(tr, run.runId, guild.name, await namesOf(guild, mates)));
    } catch (error) {
      if (isDmClosed(error)) closed.push(userId);
      else ctx.logger.warn({ err: error, runId: run.runId, userId }, 'could not send the mixer feedback DM');
    }
  }
  if (closed.length === 0) return;
  const lobby = guild.channels.cache.get(run.lobbyChannelId);
  if (lobby?.isSendable()) await lobby.send(feedbackFallback(tr, run.runId, closed)).catch(() => undefined);
}
