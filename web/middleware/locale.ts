import type { RequestHandler, Request } from 'express';
import { isLocale, translator, type Locale } from '../../shared/i18n/index.js';

/** Cookie that remembers the language a visitor picked (ja/en). */
export const LOCALE_COOKIE = 'tsunagu.lang';

/**
 * Picks the page language: the visitor's choice (cookie), else Accept-Language, else the
 * configured default (ja). Exposes `locale` and `t` to every view.
 */
export function localeMiddleware(defaultLocale: Locale): RequestHandler {
  return (req, res, next) => {
    const locale = chooseLocale(req, defaultLocale);
    res.locals.locale = locale;
    res.locals.t = translator(locale);
    next();
  };
}

function chooseLocale(req: Request, defaultLocale: Locale): Locale {
  const chosen: unknown = req.cookies?.[LOCALE_COOKIE];
  if (isLocale(chosen)) return chosen;
  if (!req.headers['accept-language']) return defaultLocale;
  const accepted = req.acceptsLanguages('ja', 'en');
  return isLocale(accepted) ? accepted : defaultLocale;
}
