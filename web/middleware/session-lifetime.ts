import type { RequestHandler } from 'express';

/**
 * Ends a signed-in session `absoluteMs` after login even if it was used all along (a stolen
 * cookie stops working), on top of the idle timeout that the cookie and the store enforce.
 */
export function sessionLifetime(absoluteMs: number, now: () => number): RequestHandler {
  return (req, _res, next) => {
    const loginAt = req.session?.loginAt;
    if (req.session?.user && (loginAt === undefined || now() - loginAt > absoluteMs)) {
      req.session.regenerate((error) => next(error));
      return;
    }
    next();
  };
}
