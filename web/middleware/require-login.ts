import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../core/errors.js';
import { wantsJson } from './wants-json.js';
import { rememberReturnTo } from '../auth/return-to.js';

/**
 * Lets signed-in users through. Anonymous browsers are sent to the login page (and brought
 * back to the page they asked for afterwards, remembered in a cookie so that no session is
 * created for them); JSON clients get 401.
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
  rememberReturnTo(req, res);
  res.redirect(303, '/login');
};
