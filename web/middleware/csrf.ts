import { createHmac } from 'node:crypto';
import { doubleCsrf } from 'csrf-csrf';
import type { RequestHandler } from 'express';

export const CSRF_FIELD = '_csrf';

/**
 * Double-submit CSRF protection (csrf-csrf) bound to the session id: every POST/PUT/PATCH/DELETE
 * must carry the token from its form (or the x-csrf-token header) matching the httpOnly cookie.
 * A failure reaches the error handler as an HttpError with status 403 and code EBADCSRFTOKEN.
 */
export function csrfProtection(options: { secret: string; secure: boolean }): RequestHandler[] {
  // A key of its own, so a CSRF token never doubles as a session-cookie signature.
  const secret = createHmac('sha256', options.secret).update('tsunagu csrf').digest('hex');
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => req.session?.id ?? '',
    cookieName: options.secure ? '__Host-tsunagu.csrf' : 'tsunagu.csrf',
    cookieOptions: { sameSite: 'lax', secure: options.secure, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => {
      const fromBody: unknown = req.body?.[CSRF_FIELD];
      return typeof fromBody === 'string' ? fromBody : req.headers['x-csrf-token'];
    },
  });

  const exposeToken: RequestHandler = (req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => {
      // No session (its store failed): no form can be protected, so the views hide them.
      if (!req.session) return '';
      if (token === undefined) {
        // Marks the session as used so it (and the id the token is bound to) is saved.
        req.session.csrf = true;
        token = generateCsrfToken(req, res);
      }
      return token;
    };
    next();
  };
  return [doubleCsrfProtection, exposeToken];
}
