import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../core/errors.js';
import { wantsJson } from './wants-json.js';

/**
 * Lets signed-in users through. Anonymous browsers are sent to the login page (and brought
 * back to the page they asked for afterwards); JSON clients get 401.
 */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.session?.user) {
    res.locals.user = req.session.user;
    next();
    return;
  }
  if (wantsJson(req) || req.method !== 'GET') {
    next(new UnauthorizedError());
    return;
  }
  req.session.returnTo = req.originalUrl;
  res.redirect(303, '/login');
};
