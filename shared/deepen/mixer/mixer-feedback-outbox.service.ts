/**
 * The outbox of a finished mixer (mixer-feedback-outbox.model.ts): built with the done step,
 * then each entry claimed once (a conditional write: two workers never both take it), sent by
 * the bot, and settled. A claim older than FEEDBACK_CLAIM_MS was left by a worker that died
 * while sending: it may be taken again (`stale`), and the bot checks Discord before sending it
 * again. Re-exported by mixer-feedback.service.ts (the `feedback` services).
 */
import { MixerAttendance } from './mixer-attendance.model.js';
import type { FallbackState, SendState } from './mixer-feedback-outbox.model.js';
import { MixerRun } from './mixer-run.model.js';

/**
 * How long a claim holds: one DM (or the summary, or the lobby message) is a single request,
 * which discord.js may hold back for a rate limit of a few seconds; minutes mean its worker died.
 */
export const FEEDBACK_CLAIM_MS = 2 * 60_000;
/** Claims of one entry before a send that keeps failing for a passing reason is settled failed. */
export const FEEDBACK_MAX_TRIES = 5;
/** Passes that find the guild away (an outage, or not on this worker) before the outbox is given up. */
export const FEEDBACK_MAX_AWAY_PASSES = 30;
/** A passing refusal waits this long, doubled at each try (30 s, 1, 2, 4 min). */
const RETRY_BASE_MS = 30_000;

export interface OutboxEntry {
  state: SendState | FallbackState;
  claimedAt: Date | null;
  claimedBy: string | null;
  tries: number;
  notBefore: Date | null;
}
export interface OutboxView {
  runId: string;
  guildId: string;
  lobbyChannelId: string;
  controlChannelId: string | null;
  organiserId: string;
  locale: string;
  summary: { people: number; groups: number; newPairs: number };
  roundsPlayed: number;
  recipients: (OutboxEntry & { userId: string; state: SendState })[];
  summarySend: OutboxEntry & { state: SendState };
  fallback: OutboxEntry & { state: FallbackState; sentParts: number[] };
  /** Everything settled (`feedbackAsked` stored). */
  settled: boolean;
}

/**
 * A claim taken: `stale` when it was another worker's (dead) claim, so the item may be out
 * already; `tries` counts this claim.
 */
export type Claim = { stale: boolean; tries: number } | null;

interface StoredEntry {
  state?: string | null;
  claimedAt?: Date | null;
  claimedBy?: string | null;
  tries?: number | null;
  notBefore?: Date | null;
  sentParts?: number[] | null;
}

/** User ids are Discord snowflakes; only those become a field of the outbox (no dots, no `$`). */
export function isSnowflake(id: string): boolean {
  return /^\d{1,20}$/.test(id);
}

/** The outbox field of one recipient. */
export function recipientPath(userId: string): string {
  if (!isSnowflake(userId)) throw new Error(`not a user id: ${userId}`);
  return `feedbackOutbox.recipients.${userId}`;
}

/** Who gets a feedback DM: everyone with groupmates in the rounds played (from the attendance rows). */
export async function feedbackRecipients(runId: string): Promise<string[]> {
  const rows = await MixerAttendance.find({ runId }, { userId: 1, groupmates: 1 }).lean();
  return rows.filter((r) => (r.groupmates ?? []).length > 0).map((r) => r.userId);
}

/** The outbox to store with the done step (everything pending). */
export function newOutbox(recipients: readonly string[]) {
  const pending = { state: 'pending', claimedAt: null, claimedBy: null };
  return {
    recipients: Object.fromEntries(
      [...new Set(recipients)].filter(isSnowflake).map((userId) => [userId, { ...pending }]),
    ),
    summary: { ...pending },
    fallback: { ...pending },
  };
}

/** The run's outbox, or null when the run has none (not finished, or finished before outboxes). */
export async function getOutbox(runId: string): Promise<OutboxView | null> {
  const doc = await MixerRun.findOne({ runId }).lean();
  const box = doc?.feedbackOutbox;
  if (!doc || !box) return null;
  const entry = <S>(e: StoredEntry) => ({
    state: e.state as S,
    claimedAt: e.claimedAt ?? null,
    claimedBy: e.claimedBy ?? null,
    tries: e.tries ?? 0,
    notBefore: e.notBefore ?? null,
  });
  return {
    runId: doc.runId,
    guildId: doc.guildId,
    lobbyChannelId: doc.lobbyChannelId,
    controlChannelId: doc.controlChannelId ?? null,
    organiserId: doc.organiserId,
    locale: doc.locale,
    summary: {
      people: doc.summary?.people ?? 0,
      groups: doc.summary?.groups ?? 0,
      newPairs: doc.summary?.newPairs ?? 0,
    },
    roundsPlayed: doc.roundsPlayed ?? 0,
    // A lean Map is a plain object.
    recipients: Object.entries((box.recipients ?? {}) as unknown as Record<string, StoredEntry>).map(
      ([userId, r]) => ({ userId, ...entry<SendState>(r) }),
    ),
    summarySend: entry<SendState>(box.summary ?? {}),
    fallback: { ...entry<FallbackState>(box.fallback ?? {}), sentParts: box.fallback?.sentParts ?? [] },
    settled: doc.feedbackAsked ?? false,
  };
}

const staleBefore = (now: Date) => new Date(now.getTime() - FEEDBACK_CLAIM_MS);
const open = (state: string) => state === 'pending' || state === 'claimed';

/**
 * Claims one recipient's feedback DM for `owner`: a pending one, else a stale claim. Null when it
 * is settled, held by a live claim, or gone (the person's data was erased).
 */
export async function claimRecipient(
  runId: string,
  userId: string,
  owner: string,
  now: Date,
): Promise<Claim> {
  if (!isSnowflake(userId)) return null;
  return claimAt(runId, recipientPath(userId), owner, now);
}

/**
 * Claims the entry at `field` (pending and due, else stale) with one conditional write on its own
 * path; the write counts the try.
 */
async function claimAt(runId: string, field: string, owner: string, now: Date): Promise<Claim> {
  const take = async (match: Record<string, unknown>) => {
    const doc = await MixerRun.findOneAndUpdate(
      { runId, ...match },
      {
        $set: { [`${field}.state`]: 'claimed', [`${field}.claimedAt`]: now, [`${field}.claimedBy`]: owner },
        $inc: { [`${field}.tries`]: 1 },
      },
      { returnDocument: 'after', projection: { [field]: 1 } },
    ).lean();
    if (!doc) return null;
    const stored = field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], doc);
    return (stored as StoredEntry | undefined)?.tries ?? 1;
  };
  const fresh = await take({
    [`${field}.state`]: 'pending',
    $or: [{ [`${field}.notBefore`]: null }, { [`${field}.notBefore`]: { $lte: now } }],
  });
  if (fresh !== null) return { stale: false, tries: fresh };
  const stale = await take({
    [`${field}.state`]: 'claimed',
    [`${field}.claimedAt`]: { $lte: staleBefore(now) },
  });
  return stale !== null ? { stale: true, tries: stale } : null;
}

/**
 * A passing refusal (429, 40003, 5xx, a network error) on `owner`'s claim: back to pending, due
 * after a backoff that doubles with each try. Null: the last try was spent (the caller settles it
 * failed), else when it is due again.
 */
export function retryAfter(claim: NonNullable<Claim>, now: Date): Date | null {
  if (claim.tries >= FEEDBACK_MAX_TRIES) return null;
  return new Date(now.getTime() + RETRY_BASE_MS * 2 ** (claim.tries - 1));
}

async function retryAt(runId: string, field: string, owner: string, at: Date): Promise<void> {
  await MixerRun.updateOne(
    { runId, [`${field}.state`]: 'claimed', [`${field}.claimedBy`]: owner },
    { $set: { [`${field}.state`]: 'pending', [`${field}.claimedBy`]: null, [`${field}.notBefore`]: at } },
  );
}

/** Puts a recipient claimed by `owner` back to pending, due at `at` (see retryAfter). */
export async function retryRecipient(runId: string, userId: string, owner: string, at: Date): Promise<void> {
  if (isSnowflake(userId)) await retryAt(runId, recipientPath(userId), owner, at);
}

/** Puts the summary or the fallback claimed by `owner` back to pending, due at `at`. */
export async function retryPart(
  runId: string,
  part: 'summary' | 'fallback',
  owner: string,
  at: Date,
): Promise<void> {
  await retryAt(runId, `feedbackOutbox.${part}`, owner, at);
}

/** One part of the lobby fallback posted under `owner`'s claim (a re-send skips it). */
export async function markFallbackPart(runId: string, part: number, owner: string): Promise<void> {
  await MixerRun.updateOne(
    { runId, 'feedbackOutbox.fallback.state': 'claimed', 'feedbackOutbox.fallback.claimedBy': owner },
    { $addToSet: { 'feedbackOutbox.fallback.sentParts': part } },
  );
}

/** Counts a pass that found the guild away; returns how many there have been. */
export async function noteAwayPass(runId: string): Promise<number> {
  const doc = await MixerRun.findOneAndUpdate(
    { runId },
    { $inc: { 'feedbackOutbox.awayPasses': 1 } },
    { returnDocument: 'after', projection: { feedbackOutbox: 1 } },
  ).lean();
  return (doc?.feedbackOutbox as { awayPasses?: number } | null | undefined)?.awayPasses ?? 0;
}

/**
 * The outbox cannot be sent (the bot left the guild, or it stayed away too long): every open
 * entry settled failed and the feedback counted as asked, in one write.
 */
export async function giveUpOutbox(runId: string): Promise<void> {
  const box = await getOutbox(runId);
  if (!box) return;
  const failed: Record<string, string> = {};
  for (const r of box.recipients) if (open(r.state)) failed[`${recipientPath(r.userId)}.state`] = 'failed';
  if (open(box.summarySend.state)) failed['feedbackOutbox.summary.state'] = 'failed';
  if (open(box.fallback.state)) failed['feedbackOutbox.fallback.state'] = 'failed';
  await MixerRun.updateOne({ runId }, { $set: { ...failed, feedbackAsked: true } });
}

/**
 * Settles a recipient claimed by `owner`. A claim another worker took over meanwhile (this one
 * was stale) is theirs to settle: the write is then a no-op.
 */
export async function settleRecipient(
  runId: string,
  userId: string,
  owner: string,
  state: Exclude<SendState, 'pending' | 'claimed'>,
): Promise<void> {
  if (isSnowflake(userId)) await settleAt(runId, recipientPath(userId), owner, state);
}

async function settleAt(runId: string, field: string, owner: string, state: string): Promise<void> {
  await MixerRun.updateOne(
    { runId, [`${field}.state`]: 'claimed', [`${field}.claimedBy`]: owner },
    { $set: { [`${field}.state`]: state } },
  );
}

/** Claims the summary or the lobby fallback (`part`), as claimRecipient does for a recipient. */
export async function claimPart(
  runId: string,
  part: 'summary' | 'fallback',
  owner: string,
  now: Date,
): Promise<Claim> {
  return claimAt(runId, `feedbackOutbox.${part}`, owner, now);
}

/** Settles the summary or the fallback claimed by `owner` (a no-op when another worker took it over). */
export async function settlePart(
  runId: string,
  part: 'summary' | 'fallback',
  owner: string,
  state: 'sent' | 'dmClosed' | 'failed' | 'none',
): Promise<void> {
  await settleAt(runId, `feedbackOutbox.${part}`, owner, state);
}

/** Every recipient settled (the lobby fallback may be decided). */
export function recipientsSettled(box: OutboxView): boolean {
  return box.recipients.every((r) => !open(r.state));
}

/**
 * When to look at the outbox again: null once every entry is settled, else when the next claim
 * held elsewhere runs stale (a pending entry: at once).
 */
export function nextTry(box: OutboxView | null, now: Date): Date | null {
  if (!box) return null;
  // The lobby fallback waits for the recipients: while one is open, it is not due on its own.
  const fallback = recipientsSettled(box) ? [box.fallback] : [];
  const held = [box.summarySend, ...box.recipients, ...fallback].filter((e) => open(e.state));
  if (held.length === 0) return null;
  const expiries = held.map((e) =>
    e.state === 'claimed' && e.claimedAt
      ? e.claimedAt.getTime() + FEEDBACK_CLAIM_MS
      : (e.notBefore?.getTime() ?? now.getTime()),
  );
  return new Date(Math.max(now.getTime(), Math.min(...expiries)) + 1000);
}

/** Everything in the outbox is settled: the run's feedback counts as asked. */
export async function markFeedbackAsked(runId: string): Promise<void> {
  await MixerRun.updateOne({ runId }, { $set: { feedbackAsked: true } });
}
