import type { RequestHandler } from 'express';
import { BadRequestError } from '../core/errors.js';

/**
 * Refuses, before anything else runs, request targets the dashboard cannot route: the
 * asterisk form (`OPTIONS *`, also sent as `GET *`, RFC 9112 §3.2.4) and paths whose
 * percent-encoding does not decode (`/guilds/%E0%A4%A`, `%ZZ`, a lone `%`). Both are the
 * client's mistake, so they answer 400 instead of failing deeper (no session, URIError).
 */
export const requestTarget: RequestHandler = (req, _res, next) => {
  // Origin form (/path) and absolute form (http://host/path, which servers must accept,
  // RFC 9112 §3.2.2) are routable; the asterisk and authority forms are not.
  if (!req.url.startsWith('/') && !/^https?:\/\//i.test(req.url)) {
    next(new BadRequestError('web.error.badRequest', 'request target is not a path'));
    return;
  }
  try {
    decodeURIComponent(req.path);
  } catch {
    next(new BadRequestError('web.error.badRequest', 'malformed percent-encoding in the path'));
    return;
  }
  next();
};
