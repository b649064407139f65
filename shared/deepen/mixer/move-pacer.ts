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
 * stops retrying at its budget (INVALID_BUDGET by default, a tenth of Discord's limit), leaving
 * the rest of the IP's allowance to everything else the process does. Once the budget is spent, a
 * move is sent only when the guild's last answer says the bucket has room: a success with
 * remaining > 0 (or no rate-limit headers), or an empty bucket whose reset has passed (a success
 * saying remaining 0 is waited out, as Discord said when it resets). After a 429 the move is
 * dropped instead, and so is every move of that guild until that 429's Retry-After has passed, so
 * past the budget a storm costs at most one invalid request per guild and Retry-After (the one
 * in flight), not one per queued move.
 * A dropped move is told to the member by link (bot/deepen/mixer/flows/moves.ts). No Discord
 * types: the bot's adapter says what an attempt met.
 *
 * The budget is per process: each worker has its own queue and count, and Discord counts per IP,
 * so N workers behind one IP may spend up to N budgets together (at the default, ten workers
 * could spend Discord's whole limit): lower `invalidBudget` when running many workers.
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
  constructor(budget: number) {
    super(`invalid-request budget reached (${budget} per 10 minutes)`);
  }
}

export interface MovePacerOptions {
  /**
   * Invalid requests the moves may cost per 10 minutes before they stop retrying (default
   * INVALID_BUDGET, a tenth of Discord's DISCORD_INVALID_LIMIT; tests set it low to see drops).
   */
  invalidBudget?: number;
}

export class MovePacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Per guild: when the bucket is empty, the time it resets (from the last answer's headers). */
  private readonly emptyUntil = new Map<string, number>();
  /** Per guild: until when the last answer was a 429 (its Retry-After); gone after a success. */
  private readonly refusedUntil = new Map<string, number>();
  private readonly invalidAt: number[] = [];
  private served = 0;
  private paced = 0;
  private readonly budget: number;

  constructor(
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly now: () => number = Date.now,
    options: MovePacerOptions = {},
  ) {
    this.budget = Math.min(options.invalidBudget ?? INVALID_BUDGET, DISCORD_INVALID_LIMIT);
  }

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

  /**
   * Whether a move of `guildId` may be sent once the budget is spent: not while the guild's last
   * answer was a 429 whose Retry-After has not passed (the bucket is known to have no room).
   */
  hasRoom(guildId: string, now = this.now()): boolean {
    const until = this.refusedUntil.get(guildId);
    return until === undefined || until <= now;
  }

  private dropped(): MoveOutcome {
    return { kind: 'failed', invalid: false, error: new InvalidBudgetReached(this.budget) };
  }

  private async withRetries(guildId: string, attempt: () => Promise<MoveOutcome>): Promise<MoveOutcome> {
    for (;;) {
      // Past the budget a move is never sent into a bucket known to be full: it is dropped.
      if (this.invalidCount() >= this.budget && !this.hasRoom(guildId)) return this.dropped();
      await this.waitForBucket(guildId);
      const outcome = await attempt().catch((error: unknown): MoveOutcome => ({
        kind: 'failed',
        invalid: false,
        error,
      }));
      if (outcome.kind === 'done') {
        this.refusedUntil.delete(guildId);
        this.note(guildId, outcome.bucket);
        return outcome;
      }
      if (outcome.kind === 'failed') {
        if (outcome.invalid) this.invalidAt.push(this.now());
        return outcome;
      }
      if (outcome.served) this.served += 1;
      if (outcome.invalid) this.invalidAt.push(this.now());
      // Retry-After is when Discord says the bucket has room again (read by hasRoom).
      this.refusedUntil.set(guildId, this.now() + Math.max(0, outcome.retryAfterMs));
      // Only an answer that cost an invalid request drops the move once the budget is spent: a
      // request discord.js held back, or a shared-scope 429, cost nothing and is tried again.
      if (outcome.invalid && this.invalidCount() >= this.budget) return this.dropped();
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
