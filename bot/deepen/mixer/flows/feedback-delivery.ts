/**
 * Sends what a finished mixer's outbox holds (shared/deepen/mixer/mixer-feedback-outbox.service.ts):
 * the organiser's summary, each participant's feedback DM, then one lobby message mentioning
 * those whose DMs are closed. Each item is claimed before it is sent and settled after, so any
 * number of workers (the one that ended the mixer, the `deepen:mixer:feedback` job after a crash)
 * send each item once. A stale claim (its worker died mid-send), or a try after a passing
 * refusal, may have reached Discord: the bot first looks for its own message in that channel and
 * only sends when it is not there; every send carries an enforced nonce as well. Only a
 * permanent refusal settles an item failed; a passing one (429, 40003, 5xx, a network error) puts
 * it back with a backoff, at most FEEDBACK_MAX_TRIES times.
 */
import { createHash } from 'node:crypto';
import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  type Guild,
  type Message,
  type SendableChannels,
} from 'discord.js';
import type { Claim, OutboxView } from '../../../../shared/deepen/mixer/mixer-feedback-outbox.service.js';
import { translator, type Locale, type Translator } from '../../../../shared/i18n/index.js';
import { childLogger, type Logger } from '../../../../shared/logger.js';
import type { BotContext } from '../../../context.js';
import { customId } from '../../../core/custom-id.js';
import { isDmClosed } from '../../../core/discord-errors.js';
import {
  FEEDBACK_PREFIX,
  fallbackOpenId,
  feedbackFallbackParts,
  feedbackMessage,
} from '../presenters/feedback.presenter.js';
import { cancelFeedbackJob } from './jobs.js';
import { runCode } from './room-role.js';

/** When the guild is unavailable (an outage), the outbox is tried again after this long. */
const GUILD_AWAY_RETRY_MS = 60_000;
/** Messages read back when checking whether an earlier try's message went out (Discord's maximum). */
const LOOK_BACK = 100;

/**
 * Refusals that do not pass: the user, channel or guild is gone, the bot may not post there, or
 * the message itself is invalid (discord-api-docs, JSON Error Codes). Anything else (429, 40003
 * "opening direct messages too fast", 5xx, a network error) is tried again.
 */
const PERMANENT = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.InvalidRecipients,
  RESTJSONErrorCodes.InvalidFormBodyOrContentType,
]);

/** Display names for ids (the member's name in the guild, else the user's, else the id). */
export async function namesOf(guild: Guild, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return Promise.all(
    ids.map(async (id) => {
      const member = guild.members.cache.get(id) ?? (await guild.members.fetch(id).catch(() => null));
      return { id, name: member?.displayName ?? id };
    }),
  );
}

/** null: a passing refusal, tried again later. */
type Outcome = 'sent' | 'dmClosed' | 'failed' | null;

/**
 * Sends every item of the run's outbox this worker can claim. Returns null when everything is
 * settled (feedbackAsked stored), else when to try again (a claim held by another worker runs
 * stale then, a passing refusal's backoff ends, or the guild is away). Settled: the run's
 * feedback job is removed.
 */
export async function deliverFeedback(
  ctx: BotContext,
  guild: Guild | undefined,
  runId: string,
): Promise<Date | null> {
  const svc = ctx.services.mixer.feedback;
  const owner = ctx.services.mixer.workerId;
  const now = () => ctx.services.clock.now();
  const box = await svc.getOutbox(runId);
  if (!box || box.settled) return null;
  if (!guild?.available) {
    if ((await svc.noteAwayPass(runId)) < svc.FEEDBACK_MAX_AWAY_PASSES)
      return new Date(now().getTime() + GUILD_AWAY_RETRY_MS);
    await abandonFeedback(ctx, runId, 'the guild stayed away from this worker');
    return null;
  }
  const log = childLogger(ctx.logger, { runId, guildId: guild.id });
  const tr = translator(box.locale as Locale);
  /** A passing refusal goes back with a backoff; the last try settles it failed. */
  const settleOrRetry = async <S extends string>(
    claim: NonNullable<Claim>,
    outcome: S | null,
    settle: (s: S | 'failed') => Promise<void>,
    retry: (at: Date) => Promise<void>,
    what: string,
  ) => {
    if (outcome) return settle(outcome);
    const at = svc.retryAfter(claim, now());
    if (at) return retry(at);
    log.warn({ tries: claim.tries }, `gave up sending the mixer ${what}`);
    return settle('failed');
  };

  const summary = await svc.claimPart(runId, 'summary', owner, now());
  if (summary)
    await settleOrRetry(
      summary,
      await sendSummary(guild, box, tr, summary, log),
      (s) => svc.settlePart(runId, 'summary', owner, s),
      (at) => svc.retryPart(runId, 'summary', owner, at),
      'summary',
    );
  for (const { userId, state } of box.recipients) {
    if (state !== 'pending' && state !== 'claimed') continue;
    const claim = await svc.claimRecipient(runId, userId, owner, now());
    if (!claim) continue;
    await settleOrRetry(
      claim,
      await sendFeedbackDm(ctx, guild, box, tr, userId, claim, log),
      (s) => svc.settleRecipient(runId, userId, owner, s),
      (at) => svc.retryRecipient(runId, userId, owner, at),
      `feedback DM to ${userId}`,
    );
  }
  const latest = await svc.getOutbox(runId);
  if (latest && svc.recipientsSettled(latest)) {
    const fallback = await svc.claimPart(runId, 'fallback', owner, now());
    if (fallback) {
      // Sorted: every pass splits the same people into the same parts.
      const closed = latest.recipients
        .filter((r) => r.state === 'dmClosed')
        .map((r) => r.userId)
        .sort();
      const outcome =
        closed.length === 0 ? 'none' : await postFallback(ctx, guild, latest, tr, closed, fallback, log);
      await settleOrRetry(
        fallback,
        outcome,
        (s) => svc.settlePart(runId, 'fallback', owner, s),
        (at) => svc.retryPart(runId, 'fallback', owner, at),
        'feedback fallback',
      );
    }
  }
  const again = svc.nextTry(await svc.getOutbox(runId), now());
  if (again) return again;
  // The net goes before the mark: a test (or a reader) seeing feedbackAsked finds no job left.
  await cancelFeedbackJob(ctx.agenda, runId);
  await svc.markFeedbackAsked(runId);
  return null;
}

/** The outbox cannot be sent (`why`, logged): every open item settled failed, the job removed. */
export async function abandonFeedback(ctx: BotContext, runId: string, why: string): Promise<void> {
  ctx.logger.warn({ runId }, `gave up the mixer feedback: ${why}`);
  await cancelFeedbackJob(ctx.agenda, runId);
  await ctx.services.mixer.feedback.giveUpOutbox(runId);
}

/** A send's outcome: closed DMs, a permanent refusal (failed), else a passing one (null). */
function outcomeOf(error: unknown, log: Logger, what: string, userId?: string): Outcome {
  if (isDmClosed(error)) return 'dmClosed';
  log.warn({ err: error, userId }, `could not send the mixer ${what}`);
  return error instanceof DiscordAPIError && PERMANENT.has(Number(error.code)) ? 'failed' : null;
}

/** The bot's own message in `channel` that `match` accepts, among the newest ones (null if unreadable). */
async function ownMessage(
  channel: SendableChannels,
  match: (m: Message) => boolean,
): Promise<Message | null> {
  if (!('messages' in channel)) return null;
  const recent = await channel.messages.fetch({ limit: LOOK_BACK }).catch(() => null);
  return recent?.find((m) => m.author.id === channel.client.user.id && match(m)) ?? null;
}

/** An earlier claim of this item (a dead worker's, or a passing refusal's) may have reached Discord. */
const mayBeOut = (claim: NonNullable<Claim>) => claim.stale || claim.tries > 1;

/**
 * Discord's own de-duplication for a re-send: with `enforce_nonce`, a second create with the same
 * nonce within a few minutes returns the first message instead of posting again
 * (discord-api-docs, Create Message). The look-back above covers a re-send after that window.
 * `item`: a user id (their DM), or the summary or a fallback part. Nonces are at most 25 characters.
 */
function onceNonce(runId: string, item: string): { nonce: string; enforceNonce: true } {
  const nonce = createHash('sha256')
    .update(`mixer-feedback:${runId}:${item}`)
    .digest('base64url')
    .slice(0, 25);
  return { nonce, enforceNonce: true };
}

const hasComponent = (m: Message, id: string) => JSON.stringify(m.components).includes(`"${id}"`);

async function sendFeedbackDm(
  ctx: BotContext,
  guild: Guild,
  box: OutboxView,
  tr: Translator,
  userId: string,
  claim: NonNullable<Claim>,
  log: Logger,
): Promise<Outcome> {
  const mates = await ctx.services.mixer.finish.groupmatesInRun(box.runId, userId);
  // Erased since the outbox was made (no attendance any more): nothing to ask.
  if (mates.length === 0) return 'failed';
  try {
    const user = await guild.client.users.fetch(userId);
    const dm = await user.createDM();
    if (
      mayBeOut(claim) &&
      (await ownMessage(dm, (m) => hasComponent(m, customId(FEEDBACK_PREFIX, 'rate', box.runId, 1))))
    )
      return 'sent';
    await dm.send({
      ...feedbackMessage(tr, box.runId, guild.name, await namesOf(guild, mates)),
      ...onceNonce(box.runId, userId),
    });
    return 'sent';
  } catch (error) {
    return outcomeOf(error, log, 'feedback DM', userId);
  }
}

/**
 * The summary by DM to the organiser; in the control channel (or lobby) when that is refused.
 * Its last line names the run by the code its category carries, so a look-back finds this run's summary, not an earlier one with
 * the same figures.
 */
async function sendSummary(
  guild: Guild,
  box: OutboxView,
  tr: Translator,
  claim: NonNullable<Claim>,
  log: Logger,
): Promise<Outcome> {
  // The code the run's category and role carry, not the 36-character id people would read.
  const runLabel = runCode(box.runId);
  const content = [
    tr('deepen.mixer.summary', { ...box.summary, rounds: box.roundsPlayed }),
    tr('deepen.mixer.summaryRun', { run: runLabel }),
  ].join('\n');
  const ofThisRun = (m: Message) => m.content.includes(runLabel);
  try {
    const dm = await (await guild.client.users.fetch(box.organiserId)).createDM();
    if (mayBeOut(claim) && (await ownMessage(dm, ofThisRun))) return 'sent';
    await dm.send({ content, ...onceNonce(box.runId, 'summary') });
    return 'sent';
  } catch (error) {
    const outcome = outcomeOf(error, log, 'summary');
    if (outcome === null) return null;
    const channel = guild.channels.cache.get(box.controlChannelId ?? box.lobbyChannelId);
    if (!channel?.isSendable()) return 'failed';
    if (mayBeOut(claim) && (await ownMessage(channel, ofThisRun))) return outcome;
    return channel.send({ content, ...onceNonce(box.runId, 'summary-channel') }).then(
      () => outcome,
      (postError: unknown) =>
        outcomeOf(postError, log, 'summary in the channel') === null ? null : 'failed',
    );
  }
}

/**
 * The lobby mention of everyone whose DMs are closed, in parts under Discord's limits. Each part
 * is stored once posted, so a later try (a stale claim, a passing refusal) posts only the rest,
 * and looks each of those up first.
 */
async function postFallback(
  ctx: BotContext,
  guild: Guild,
  box: OutboxView,
  tr: Translator,
  closed: readonly string[],
  claim: NonNullable<Claim>,
  log: Logger,
): Promise<'sent' | 'failed' | null> {
  const lobby = guild.channels.cache.get(box.lobbyChannelId);
  if (!lobby?.isSendable()) return 'failed';
  const owner = ctx.services.mixer.workerId;
  for (const [part, message] of feedbackFallbackParts(tr, box.runId, closed).entries()) {
    if (box.fallback.sentParts.includes(part)) continue;
    const id = fallbackOpenId(box.runId, part);
    if (!(mayBeOut(claim) && (await ownMessage(lobby, (m) => hasComponent(m, id))))) {
      try {
        await lobby.send({ ...message, ...onceNonce(box.runId, `fallback:${part}`) });
      } catch (error) {
        return outcomeOf(error, log, 'feedback fallback') === null ? null : 'failed';
      }
    }
    await ctx.services.mixer.feedback.markFallbackPart(box.runId, part, owner);
  }
  return 'sent';
}
