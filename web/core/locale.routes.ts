import { Router, type Request, type Response } from 'express';
import { isLocale } from '../../shared/i18n/index.js';
import { BadRequestError } from './errors.js';
import { LOCALE_COOKIE } from '../middleware/locale.js';
import { safeReturnTo } from '../auth/oauth-state.js';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * GET /locale?lang=en&returnTo=/login: remembers the visitor's language (ja/en) in a cookie,
 * then goes back. A GET form on purpose: it needs no CSRF token, so no session, so anonymous
 * pages never create one (a forged link can at most switch someone's page language).
 */
export function localeRoutes(options: { secure: boolean }): Router {
  const router = Router();
  const choose = (req: Request, res: Response, input: { lang?: unknown; returnTo?: unknown }) => {
    if (!isLocale(input.lang))
      throw new BadRequestError('web.error.badRequest', `unknown locale ${String(input.lang)}`);
    res.cookie(LOCALE_COOKIE, input.lang, {
      maxAge: ONE_YEAR_MS,
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: '/',
    });
    res.redirect(303, safeReturnTo(input.returnTo, '/'));
  };
  router.get('/locale', (req, res) => choose(req, res, req.query));
  // Kept for pages rendered before the GET form (CSRF-checked like every POST).
  router.post('/locale', (req, res) => choose(req, res, req.body ?? {}));
  return router;
}
