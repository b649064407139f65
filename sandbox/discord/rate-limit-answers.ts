/**
 * The headers and 429 bodies of Discord's rate limits (docs, topics/rate-limits "Header Format"
 * and "Exceeding A Rate Limit"). The bucket hash stands for the bucket's name, without the
 * top-level resource, so every member of every guild shares one `X-RateLimit-Bucket` per route.
 */
import { createHash } from 'node:crypto';

export type RateLimitScope = 'user' | 'global' | 'shared';

export interface RateLimitBody {
  message: string;
  retry_after: number;
  global: boolean;
  code: number;
}

export type RateLimitVerdict =
  | { limited: false; headers: Record<string, string> }
  | { limited: true; headers: Record<string, string>; body: RateLimitBody };

/** `X-RateLimit-Bucket`: a stable hash of the bucket's name. */
export const bucketHash = (name: string) => createHash('sha1').update(name).digest('hex').slice(0, 16);

/** The headers Discord sends with every request a bucket counts. */
export function bucketHeaders(
  name: string,
  limit: number,
  remaining: number,
  resetAfterMs: number,
): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': ((Date.now() + resetAfterMs) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': (resetAfterMs / 1000).toFixed(3),
    'X-RateLimit-Bucket': bucketHash(name),
  };
}

function limitedBody(retryAfterMs: number, global: boolean, scope: RateLimitScope = 'user'): RateLimitBody {
  // Shared-scope limits say "resource" (docs: "Example Exceeded Resource Rate Limit Response").
  const message = scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.';
  return { message, retry_after: retryAfterMs / 1000, global, code: 0 };
}

/** A bucket's 429. Discord's `Retry-After` is whole seconds (docs example: 65 for retry_after 64.57). */
export function bucketLimited(name: string, limit: number, retryAfterMs: number): RateLimitVerdict {
  return {
    limited: true,
    headers: {
      ...bucketHeaders(name, limit, 0, retryAfterMs),
      'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
      'X-RateLimit-Scope': 'user',
    },
    body: limitedBody(retryAfterMs, false),
  };
}

/** The global 429 carries no bucket headers (docs: "Example Exceeded Global Rate Limit Response"). */
export function globalLimited(retryAfterMs: number): RateLimitVerdict {
  return {
    limited: true,
    headers: {
      'Retry-After': String(Math.ceil(retryAfterMs / 1000)),
      'X-RateLimit-Global': 'true',
      'X-RateLimit-Scope': 'global',
    },
    body: limitedBody(retryAfterMs, true),
  };
}

/** A forced 429 (test hook): millisecond precision so tests retry fast. */
export function forcedLimited(
  route: string,
  forced: { retryAfterMs: number; global: boolean; scope: RateLimitScope },
): RateLimitVerdict {
  const seconds = (forced.retryAfterMs / 1000).toFixed(3);
  return {
    limited: true,
    headers: {
      ...bucketHeaders(route, 1, 0, forced.retryAfterMs),
      'Retry-After': seconds,
      'X-RateLimit-Scope': forced.scope,
      ...(forced.global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
    body: limitedBody(forced.retryAfterMs, forced.global, forced.scope),
  };
}
