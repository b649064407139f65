/**
 * One queue of member moves per guild (Discord gives every move of a guild one shared bucket):
 * tasks of a guild run one after another, different guilds in parallel. A task that meets a rate
 * limit waits the `Retry-After` it was given and tries again; refusals that count as invalid
 * requests (401/403/429) are counted per 10 minutes and the queue stops retrying well below
 * Discord's 10,000 ban threshold. No Discord types: the bot's adapter says what a failure was.
 */

/** Discord bans an IP at 10,000 invalid requests per 10 minutes; we stop far below. */
export const INVALID_BUDGET = 1000;
export const INVALID_WINDOW_MS = 10 * 60_000;

/** What a move attempt reported: done, rate limited (retry after ms), or failed for good. */
export type MoveOutcome =
  | { kind: 'done' }
  | { kind: 'rateLimited'; retryAfterMs: number }
  | { kind: 'failed'; invalid: boolean; error: unknown };

export class MovePacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly invalidAt: number[] = [];

  constructor(
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Invalid requests counted in the last 10 minutes. */
  invalidCount(now = Date.now()): number {
    while (this.invalidAt.length && this.invalidAt[0]! <= now - INVALID_WINDOW_MS) this.invalidAt.shift();
    return this.invalidAt.length;
  }

  /**
   * Queues `attempt` behind the guild's other moves and retries it while it is rate limited.
   * Resolves with the final outcome (never rejects).
   */
  run(guildId: string, attempt: () => Promise<MoveOutcome>): Promise<MoveOutcome> {
    const previous = this.tails.get(guildId) ?? Promise.resolve();
    const next = previous.then(() => this.withRetries(attempt));
    const tail = next.catch(() => undefined);
    this.tails.set(guildId, tail);
    void tail.then(() => {
      if (this.tails.get(guildId) === tail) this.tails.delete(guildId);
    });
    return next;
  }

  private async withRetries(attempt: () => Promise<MoveOutcome>): Promise<MoveOutcome> {
    for (;;) {
      const outcome = await attempt().catch((error: unknown): MoveOutcome => ({
        kind: 'failed',
        invalid: false,
        error,
      }));
      if (outcome.kind === 'failed' && outcome.invalid) this.invalidAt.push(Date.now());
      if (outcome.kind !== 'rateLimited') return outcome;
      this.invalidAt.push(Date.now());
      if (this.invalidCount() >= INVALID_BUDGET)
        return { kind: 'failed', invalid: true, error: new Error('invalid-request budget reached') };
      await this.sleep(Math.max(0, outcome.retryAfterMs));
    }
  }
}
