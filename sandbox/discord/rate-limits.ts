/**
 * Optional per-route rate limits, off by default, and a test hook that forces the next N
 * requests to 429, so a client's retry handling is exercised against Discord's headers:
 * `X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket`, and on 429 `Retry-After`,
 * `X-RateLimit-Scope`, `X-RateLimit-Global` plus a `{ message, retry_after, global, code }` body.
 */
import { createHash } from 'node:crypto';

export interface BucketLimit {
  /** Requests per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Limit applied to every route unless `routes` names it (off when absent). */
  default?: BucketLimit;
  /** Limits per route key `METHOD /pattern`, e.g. `'PUT /guilds/:guildId/members/:userId/roles/:roleId'`. */
  routes?: Record<string, BucketLimit>;
}

export interface ForcedLimit {
  /** Only requests whose route key matches (`METHOD /pattern`); any route when absent. */
  route?: string;
  remaining: number;
  retryAfterMs: number;
  global: boolean;
  scope: 'user' | 'global' | 'shared';
}

export type RateLimitVerdict =
  | { limited: false; headers: Record<string, string> }
  | {
      limited: true;
      headers: Record<string, string>;
      body: { message: string; retry_after: number; global: boolean; code: number };
    };

interface BucketState {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, BucketState>();
  private forced: ForcedLimit[] = [];
  /** Every 429 served, newest last (for assertions). */
  readonly served: { route: string; at: number }[] = [];

  constructor(private options: RateLimitOptions = {}) {}

  /** Replaces the configured limits (tests may switch them on mid-run). */
  configure(options: RateLimitOptions): void {
    this.options = options;
    this.windows.clear();
  }

  /**
   * Makes the next `count` requests (on `route`, a `METHOD /pattern` key, or on any route) answer 429.
   * Defaults: retry after 50 ms, scope user, not global.
   */
  forceNext(count: number, options: Partial<Omit<ForcedLimit, 'remaining'>> = {}): void {
    this.forced.push({
      route: options.route,
      remaining: count,
      retryAfterMs: options.retryAfterMs ?? 50,
      global: options.global ?? false,
      scope: options.scope ?? (options.global ? 'global' : 'user'),
    });
  }

  /** Decides whether a request is limited. `routeKey` is `METHOD /pattern`; `majorId` the channel/guild/webhook id. */
  check(routeKey: string, majorId: string | undefined): RateLimitVerdict {
    const forced = this.forced.find((f) => f.remaining > 0 && (!f.route || f.route === routeKey));
    const bucketHash = createHash('sha1').update(routeKey).digest('hex').slice(0, 16);
    if (forced) {
      forced.remaining -= 1;
      this.forced = this.forced.filter((f) => f.remaining > 0);
      return this.limited(routeKey, bucketHash, 1, forced.retryAfterMs, forced.global, forced.scope);
    }
    const limit = this.options.routes?.[routeKey] ?? this.options.default;
    if (!limit) return { limited: false, headers: {} };
    const key = `${routeKey}:${majorId ?? ''}`;
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now)
      this.windows.set(key, (window = { count: 0, resetAt: now + limit.windowMs }));
    const resetAfterMs = window.resetAt - now;
    if (window.count >= limit.limit)
      return this.limited(routeKey, bucketHash, limit.limit, resetAfterMs, false, 'user');
    window.count += 1;
    return {
      limited: false,
      headers: {
        'X-RateLimit-Limit': String(limit.limit),
        'X-RateLimit-Remaining': String(limit.limit - window.count),
        'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
        'X-RateLimit-Reset-After': (resetAfterMs / 1000).toFixed(3),
        'X-RateLimit-Bucket': bucketHash,
      },
    };
  }

  private limited(
    routeKey: string,
    bucketHash: string,
    limit: number,
    retryAfterMs: number,
    global: boolean,
    scope: ForcedLimit['scope'],
  ): RateLimitVerdict {
    this.served.push({ route: routeKey, at: Date.now() });
    const seconds = (retryAfterMs / 1000).toFixed(3);
    return {
      limited: true,
      headers: {
        'Retry-After': seconds,
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': ((Date.now() + retryAfterMs) / 1000).toFixed(3),
        'X-RateLimit-Reset-After': seconds,
        'X-RateLimit-Bucket': bucketHash,
        'X-RateLimit-Scope': scope,
        ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
      },
      body: { message: 'You are being rate limited.', retry_after: retryAfterMs / 1000, global, code: 0 },
    };
  }
}
