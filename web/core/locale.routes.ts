import { Router } from 'express';
import { isLocale } from '../../shared/i18n/index.js';
import { BadRequestError } from './errors.js';
import { LOCALE_COOKIE } from '../middleware/locale.js';
import { safeReturnTo } from '../auth/oauth-state.js';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** POST /locale: remembers the visitor's language (ja/en) in a cookie, then goes back. */
export function localeRoutes(options: { secure: boolean }): Router {
  const router = Router();
  router.post('/locale', (req, res) => {
    const lang: unknown = req.body?.lang;
    if (!isLocale(lang)) throw new BadRequestError('web.error.badRequest', `unknown locale ${String(lang)}`);
    res.cookie(LOCALE_COOKIE, lang, {
      maxAge: ONE_YEAR_MS,
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: '/',
    });
    res.redirect(303, safeReturnTo(req.body?.returnTo, '/'));
  });
  return router;
}
