/**
 * The counters behind the rate limiter: fixed windows per bucket and resource (a Discord bucket
 * resets a fixed time after the request that opened it), and the invalid-request tally that
 * Discord turns into a temporary IP ban.
 */

export interface BucketLimit {
  /** Requests per window. */
  limit: number;
  windowMs: number;
}

export interface WindowState {
  count: number;
  resetAt: number;
}

/** Fixed windows keyed by `bucket:resource`. */
export class FixedWindows {
  private readonly windows = new Map<string, WindowState>();

  /** The live window for `key` (a fresh one when absent or reset); does not count a request. */
  peek(key: string, limit: BucketLimit, now: number): WindowState {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + limit.windowMs };
      this.windows.set(key, window);
    }
    return window;
  }

  /** The live window for `key`, if a request opened one that has not reset (opens none). */
  current(key: string, now: number): WindowState | undefined {
    const window = this.windows.get(key);
    return window && window.resetAt > now ? window : undefined;
  }

  clear(): void {
    this.windows.clear();
  }
}

/**
 * Discord (docs, topics/rate-limits "Invalid Request Limit aka Cloudflare bans"): an IP making
 * 10,000 requests answered 401, 403 or 429 within 10 minutes is banned for a while; 429s with
 * `X-RateLimit-Scope: shared` do not count.
 */
export const INVALID_REQUEST_LIMIT = { limit: 10_000, windowMs: 10 * 60_000 } as const;

/** Timestamps of invalid requests within the last 10 minutes. */
export class InvalidRequestCounter {
  private times: number[] = [];

  /** Counts a response if Discord would: the count in the window afterwards, or undefined if not counted. */
  record(status: number, scope: string | undefined, now = Date.now()): number | undefined {
    const invalid = status === 401 || status === 403 || (status === 429 && scope !== 'shared');
    if (!invalid) return undefined;
    this.times.push(now);
    return this.count(now);
  }

  /** Invalid requests within the last 10 minutes. */
  count(now = Date.now()): number {
    const since = now - INVALID_REQUEST_LIMIT.windowMs;
    const firstLive = this.times.findIndex((t) => t > since);
    this.times = firstLive === -1 ? [] : this.times.slice(firstLive);
    return this.times.length;
  }

  clear(): void {
    this.times = [];
  }
}
