import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh, unguessable OAuth2 `state` (256 bits), bound to the browser's session. */
export function createOAuthState(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares the state Discord sent back with the session's, in constant time. */
export function statesMatch(expected: string | undefined, received: unknown): boolean {
  if (!expected || typeof received !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Accepts only paths on our own site ("/guilds/1"), never "//evil.example" or absolute URLs. */
export function safeReturnTo(value: unknown, fallback = '/guilds'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}
