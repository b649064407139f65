/**
 * One queue of member moves per guild. Discord gives every member edit of a guild one shared
 * bucket (PATCH /guilds/{guild.id}/members/{user.id}; observed about 10 per 10 s), so the moves
 * of a guild run one after another and different guilds in parallel.
 *
 * The queue paces itself from what Discord says (discord-api-docs, topics/rate-limits "Header
 * Format": X-RateLimit-Remaining / X-RateLimit-Reset-After): once a move reports the bucket
 * empty, the next one waits for the reset instead of being sent to meet a 429. A move that still
 * meets one (another process shares the bucket, Discord changed the limit, a 429 storm) waits
 * its `Retry-After` and is tried again.
 *
 * Invalid requests: Discord bans an IP for a while after 10,000 answers of 401, 403 or 429
 * within 10 minutes, except 429s with `X-RateLimit-Scope: shared` (topics/rate-limits
 * "Invalid Request Limit aka Cloudflare bans"). The queue counts the ones its moves cost and
 * stops retrying at INVALID_BUDGET, a tenth of Discord's limit, leaving the rest of the IP's
 * allowance to everything else the process does. No Discord types: the bot's adapter
 * (bot/deepen/mixer/flows/moves.ts) says what an attempt met.
 */

/** Discord's ban threshold (per IP, 10 minutes) and the share of it the moves may spend. */
export const DISCORD_INVALID_LIMIT = 10_000;
export const INVALID_BUDGET = 1000;
export const INVALID_WINDOW_MS = 10 * 60_000;
/**
 * Waited beyond a bucket's reset: the header is read a little after Discord computed it, and a
 * request that arrives a moment early is a 429 (discord.js's REST `offset` default is the same).
 */
export const RESET_MARGIN_MS = 50;

/** What Discord's headers said about the bucket after an answer. */
export interface BucketReading {
  remaining: number;
  resetAfterMs: number;
}

/**
 * What a move attempt reported:
 * - done (with the bucket's headers when the adapter saw them);
 * - rate limited: wait `retryAfterMs`; `served` when Discord answered 429 (rather than the
 *   client holding the request back on an empty bucket), `invalid` when that 429 counts
 *   towards the ban (every scope but `shared`);
 * - failed for good; `invalid` when Discord answered 401 or 403.
 */
export type MoveOutcome =
  | { kind: 'done'; bucket?: BucketReading }
  | { kind: 'rateLimited'; retryAfterMs: number; served: boolean; invalid: boolean }
  | { kind: 'failed'; invalid: boolean; error: unknown };

/** What the queue met so far (tests and the benchmark read it; logs quote it). */
export interface PacerStats {
  /** 429s Discord served to the moves (any scope). */
  served429: number;
  /** Invalid requests the moves cost in the last 10 minutes. */
  invalid: number;
  /** Times a move waited for the bucket to reset, from the headers, before being sent. */
  pacedWaits: number;
}

/** Thrown into a move's outcome when the queue stops retrying to protect the IP. */
export class InvalidBudgetReached extends Error {
  constructor() {
    super(`invalid-request budget reached (${INVALID_BUDGET} per 10 minutes)`);
  }
}

export class MovePacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Per guild: when the bucket is empty, the time it resets (from the last answer's headers). */
  private readonly emptyUntil = new Map<string, number>();
  private readonly invalidAt: number[] = [];
  private served = 0;
  private paced = 0;

  constructor(
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly now: () => number = Date.now,
  ) {}

  /** Invalid requests the moves cost in the last 10 minutes. */
  invalidCount(now = this.now()): number {
    while (this.invalidAt.length && this.invalidAt[0]! <= now - INVALID_WINDOW_MS) this.invalidAt.shift();
    return this.invalidAt.length;
  }

  stats(): PacerStats {
    return { served429: this.served, invalid: this.invalidCount(), pacedWaits: this.paced };
  }

  /**
   * Queues `attempt` behind the guild's other moves, waits for the bucket when the last answer
   * emptied it, and retries while rate limited. Resolves with the final outcome (never rejects).
   */
  run(guildId: string, attempt: () => Promise<MoveOutcome>): Promise<MoveOutcome> {
    const previous = this.tails.get(guildId) ?? Promise.resolve();
    const next = previous.then(() => this.withRetries(guildId, attempt));
    const tail = next.catch(() => undefined);
    this.tails.set(guildId, tail);
    void tail.then(() => {
      if (this.tails.get(guildId) === tail) this.tails.delete(guildId);
    });
    return next;
  }

  private async withRetries(guildId: string, attempt: () => Promise<MoveOutcome>): Promise<MoveOutcome> {
    for (;;) {
      await this.waitForBucket(guildId);
      const outcome = await attempt().catch((error: unknown): MoveOutcome => ({
        kind: 'failed',
        invalid: false,
        error,
      }));
      if (outcome.kind === 'done') {
        this.note(guildId, outcome.bucket);
        return outcome;
      }
      if (outcome.kind === 'failed') {
        if (outcome.invalid) this.invalidAt.push(this.now());
        return outcome;
      }
      if (outcome.served) this.served += 1;
      if (outcome.invalid) this.invalidAt.push(this.now());
      if (this.invalidCount() >= INVALID_BUDGET)
        return { kind: 'failed', invalid: false, error: new InvalidBudgetReached() };
      // Retry-After is the wait Discord asks for (a held-back request: the time to the reset).
      this.emptyUntil.delete(guildId);
      await this.sleep(Math.max(0, outcome.retryAfterMs));
    }
  }

  /** Remembers an empty bucket until its reset; answers without rate-limit headers change nothing. */
  private note(guildId: string, bucket: BucketReading | undefined): void {
    if (!bucket) return;
    if (bucket.remaining <= 0)
      this.emptyUntil.set(guildId, this.now() + bucket.resetAfterMs + RESET_MARGIN_MS);
    else this.emptyUntil.delete(guildId);
  }

  private async waitForBucket(guildId: string): Promise<void> {
    const until = this.emptyUntil.get(guildId);
    if (until === undefined) return;
    const wait = until - this.now();
    if (wait <= 0) {
      this.emptyUntil.delete(guildId);
      return;
    }
    this.paced += 1;
    await this.sleep(wait);
  }
}
