/**
 * Rate limits as Discord applies them (docs, topics/rate-limits): optional per-route buckets and a
 * named profile (off by default), a global limit, a test hook that forces the next N requests to
 * 429, and the invalid-request count behind Discord's IP bans. Headers follow Discord:
 * `X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket`, and on 429 `Retry-After`,
 * `X-RateLimit-Scope`, `X-RateLimit-Global` plus a `{ message, retry_after, global }` body.
 */
import {
  bucketHeaders,
  bucketLimited,
  forcedLimited,
  globalLimited,
  type RateLimitScope,
  type RateLimitVerdict,
} from './rate-limit-answers.js';
import {
  profileNamed,
  type RateLimitProfile,
  type RateLimitProfileName,
  type RateLimitRequest,
} from './rate-limit-profiles.js';
import { FixedWindows, InvalidRequestCounter, type BucketLimit } from './rate-limit-windows.js';

export type { BucketLimit } from './rate-limit-windows.js';
export type { RateLimitVerdict } from './rate-limit-answers.js';
export type { RateLimitProfile, RateLimitProfileName, RateLimitRequest } from './rate-limit-profiles.js';

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
  scope: RateLimitScope;
}

/** A request as the HTTP layer describes it; `majorId` is the channel/guild/webhook id in the path. */
export interface RateLimitCheck extends RateLimitRequest {
  majorId?: string;
}

interface AppliedBucket {
  name: string;
  limit: BucketLimit;
  key: string;
}

export class RateLimiter {
  private readonly windows = new FixedWindows();
  private readonly invalid = new InvalidRequestCounter();
  private forced: ForcedLimit[] = [];
  private active: RateLimitProfile | undefined;
  /** Every 429 served, newest last (for assertions). */
  readonly served: { route: string; at: number; bucket: string; global: boolean }[] = [];

  constructor(
    private options: RateLimitOptions = {},
    profile: RateLimitProfileName | RateLimitProfile = 'off',
  ) {
    this.active = typeof profile === 'string' ? profileNamed(profile) : profile;
  }

  /** Replaces the configured per-route limits (tests may switch them on mid-run). */
  configure(options: RateLimitOptions): void {
    this.options = options;
    this.windows.clear();
  }

  /** Switches to a profile ('realistic', 'off' or a custom one) with fresh windows. */
  useProfile(profile: RateLimitProfileName | RateLimitProfile): void {
    this.active = typeof profile === 'string' ? profileNamed(profile) : profile;
    this.windows.clear();
  }

  /** The profile in use, if any. */
  get profile(): RateLimitProfile | undefined {
    return this.active;
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

  /** Invalid requests (401, 403, 429 except shared-scope 429s) answered in the last 10 minutes. */
  invalidRequests(): number {
    return this.invalid.count();
  }

  /** Counts a served API response towards the invalid-request limit: the new count, or undefined if it did not count. */
  recordResponse(status: number, scope?: string): number | undefined {
    return this.invalid.record(status, scope);
  }

  /** Decides whether a request is limited, and with which headers it is answered either way. */
  check(req: RateLimitCheck): RateLimitVerdict {
    const forced = this.forced.find((f) => f.remaining > 0 && (!f.route || f.route === req.routeKey));
    const now = Date.now();
    if (forced) {
      forced.remaining -= 1;
      this.forced = this.forced.filter((f) => f.remaining > 0);
      return this.limited(
        req.routeKey,
        req.routeKey,
        forced.global,
        forcedLimited(req.routeKey, forced, this.forcedBucket(req, now)),
      );
    }
    const global = this.active?.global;
    if (global && req.auth === 'bot') {
      const window = this.windows.peek('global', global, now);
      if (window.count >= global.limit)
        return this.limited(req.routeKey, 'global', true, globalLimited(window.resetAt - now));
      window.count += 1;
    }
    const buckets = this.bucketsFor(req);
    const windows = buckets.map((b) => ({ bucket: b, window: this.windows.peek(b.key, b.limit, now) }));
    const full = windows
      .filter((w) => w.window.count >= w.bucket.limit.limit)
      .sort((a, b) => b.window.resetAt - a.window.resetAt)[0];
    if (full) {
      const { name, limit } = full.bucket;
      return this.limited(
        req.routeKey,
        name,
        false,
        bucketLimited(name, limit.limit, full.window.resetAt - now),
      );
    }
    for (const w of windows) w.window.count += 1;
    // The tightest bucket speaks for the request, as Discord sends one set of headers.
    const tightest = windows.sort(
      (a, b) => a.bucket.limit.limit - a.window.count - (b.bucket.limit.limit - b.window.count),
    )[0];
    if (!tightest) return { limited: false, headers: {} };
    const { bucket, window } = tightest;
    const { limit } = bucket.limit;
    return {
      limited: false,
      headers: bucketHeaders(bucket.name, limit, limit - window.count, window.resetAt - now),
    };
  }

  /**
   * The bucket a forced 429 names: the first that counts the request. A forced 429 is not a
   * request the bucket counts, so it reads the window without opening one.
   */
  private forcedBucket(req: RateLimitCheck, now: number) {
    const bucket = this.bucketsFor(req)[0];
    if (!bucket) return undefined;
    const used = this.windows.current(bucket.key, now)?.count ?? 0;
    return {
      name: bucket.name,
      limit: bucket.limit.limit,
      remaining: Math.max(0, bucket.limit.limit - used),
    };
  }

  /** Profile buckets that count this request, then the configured per-route limit. */
  private bucketsFor(req: RateLimitCheck): AppliedBucket[] {
    const applied: AppliedBucket[] = [];
    for (const b of this.active?.buckets ?? []) {
      if (!b.routes.includes(req.routeKey) || (b.applies && !b.applies(req))) continue;
      applied.push({ name: b.name, limit: b, key: `${b.name}:${req.params[b.per] ?? ''}` });
    }
    const configured = this.options.routes?.[req.routeKey] ?? this.options.default;
    if (configured)
      applied.push({ name: req.routeKey, limit: configured, key: `${req.routeKey}:${req.majorId ?? ''}` });
    return applied;
  }

  private limited(
    route: string,
    bucket: string,
    global: boolean,
    verdict: RateLimitVerdict,
  ): RateLimitVerdict {
    this.served.push({ route, at: Date.now(), bucket, global });
    return verdict;
  }
}
