import type { CookieOptions, Request, Response } from 'express';
import { safeReturnTo } from './oauth-state.js';

/**
 * Where to go after login, kept in a short-lived cookie rather than in the session: an
 * anonymous visitor of a guild page must not get a server-side session (sessions start with
 * the login itself, at /auth/discord).
 */
export const RETURN_TO_COOKIE = 'tsunagu.return';
const TEN_MINUTES_MS = 10 * 60 * 1000;

/**
 * The cookie's options, the same when set and when cleared (a browser keeps a cookie cleared
 * with other attributes). `secure` follows the session cookie, which takes it from PUBLIC_URL:
 * behind a TLS proxy `req.secure` is false although the browser talks https.
 */
export function returnToCookieOptions(req: Request): CookieOptions {
  const sessionSecure = (req.session as { cookie?: { secure?: unknown } } | undefined)?.cookie?.secure;
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: sessionSecure === true || req.secure,
    path: '/',
  };
}

export function rememberReturnTo(req: Request, res: Response): void {
  res.cookie(RETURN_TO_COOKIE, req.originalUrl, { ...returnToCookieOptions(req), maxAge: TEN_MINUTES_MS });
}

/** The remembered page (only a path on our own site), or /guilds; the cookie is used once. */
export function takeReturnTo(req: Request, res: Response): string {
  const value: unknown = req.cookies?.[RETURN_TO_COOKIE];
  if (value !== undefined) res.clearCookie(RETURN_TO_COOKIE, returnToCookieOptions(req));
  return safeReturnTo(value);
}
