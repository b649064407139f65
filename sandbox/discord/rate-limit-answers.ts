/**
 * The headers and 429 bodies of Discord's rate limits (docs, topics/rate-limits "Header Format"
 * and "Exceeding A Rate Limit"). The bucket hash stands for the bucket's name, without the
 * top-level resource, so every member of every guild shares one `X-RateLimit-Bucket` per route.
 */
import { createHash } from 'node:crypto';

export type RateLimitScope = 'user' | 'global' | 'shared';

/**
 * Discord's "Rate Limit Response Structure": `code` is there only "for some limits" (none the
 * emulator models), so it is left out, as in every example the docs give.
 */
export interface RateLimitBody {
  message: string;
  retry_after: number;
  global: boolean;
  code?: number;
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
  return { message, retry_after: retryAfterMs / 1000, global };
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

/** The bucket a forced 429 speaks for: the profile bucket covering the route, if any. */
export interface ForcedBucket {
  name: string;
  limit: number;
  remaining: number;
}

/**
 * A forced 429 (test hook), answered as Discord would for its scope: a global one without bucket
 * headers; a user or shared one with the route's bucket headers (the profile bucket's hash, so a
 * client keeps one bucket for the route, and for `shared` the remaining the bucket really has:
 * docs "Example Exceeded Resource Rate Limit Response"). Retry-After keeps millisecond precision
 * so tests retry fast; Discord's own are whole seconds (bucketLimited).
 */
export function forcedLimited(
  route: string,
  forced: { retryAfterMs: number; global: boolean; scope: RateLimitScope },
  bucket?: ForcedBucket,
): RateLimitVerdict {
  const seconds = (forced.retryAfterMs / 1000).toFixed(3);
  const body = limitedBody(forced.retryAfterMs, forced.global, forced.scope);
  if (forced.global)
    return {
      limited: true,
      headers: { 'Retry-After': seconds, 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
      body,
    };
  const remaining = forced.scope === 'shared' && bucket ? bucket.remaining : 0;
  return {
    limited: true,
    headers: {
      ...bucketHeaders(bucket?.name ?? route, bucket?.limit ?? 1, remaining, forced.retryAfterMs),
      'Retry-After': seconds,
      'X-RateLimit-Scope': forced.scope,
    },
    body,
  };
}
