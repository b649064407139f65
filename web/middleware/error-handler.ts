import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../shared/logger.js';
import { translator, DEFAULT_LOCALE, type Locale } from '../../shared/i18n/index.js';
import { ForbiddenError, HttpError, NotFoundError } from '../core/errors.js';
import { wantsJson } from './wants-json.js';
import { HTTP_STATUS_OF_KIND, isDomainError } from '../../shared/errors.js';

/** Registered after every route: nothing matched. */
export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/**
 * The dashboard's one error boundary, registered last. Converts anything thrown into an
 * HttpError, logs server faults with their stack, and answers with a localized page (or JSON
 * for JSON clients). Internal details never reach the client.
 */
export function errorHandler(logger: Logger, defaultLocale: Locale = DEFAULT_LOCALE): ErrorRequestHandler {
  return (err, req, res, next) => {
    const error = toHttpError(err);
    if (error.status >= 500) logger.error({ err, route: req.originalUrl }, 'request failed');
    else
      logger.debug(
        { status: error.status, reason: error.message, route: req.originalUrl },
        'request refused',
      );
    if (res.headersSent) {
      next(err);
      return;
    }
    // A request that failed before the language was chosen still gets a whole page, in the
    // default language (the layout reads `locale` and `t`).
    if (!res.locals.locale || !res.locals.t) {
      res.locals.locale = defaultLocale;
      res.locals.t = translator(defaultLocale);
    }
    const t = res.locals.t;
    const message = t(error.messageKey, error.vars);
    res.status(error.status);
    if (error.status === 429 && typeof error.vars.seconds === 'number')
      res.set('Retry-After', String(error.vars.seconds));
    if (error.status === 401 || error.status === 403) res.set('Cache-Control', 'no-store');
    if (wantsJson(req)) {
      res.json({ error: { status: error.status, code: error.messageKey, message } });
      return;
    }
    res.render(
      'errors/error',
      { title: t(`web.error.title.${titleKey(error.status)}`), status: error.status, message },
      (renderError, html) => {
        if (renderError) {
          logger.error({ err: renderError }, 'error page failed to render');
          res.type('text/plain').send(message);
          return;
        }
        res.send(html);
      },
    );
  };
}

/** Maps library errors (CSRF, body parser, anything unknown) onto our typed errors. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  // A service's refusal: its kind decides the status (400/403/404/409), its key the message.
  if (isDomainError(err))
    return new HttpError(HTTP_STATUS_OF_KIND[err.kind], err.i18nKey, err.message, true, err.vars);
  const e = err as { code?: unknown; status?: unknown; statusCode?: unknown; expose?: unknown } | null;
  if (e?.code === 'EBADCSRFTOKEN') return new ForbiddenError('web.error.csrf', 'invalid CSRF token');
  const status =
    typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  // http-errors marks client errors (malformed body, payload too large) as safe to expose.
  if (status >= 400 && status < 500 && e?.expose === true)
    return new HttpError(status, 'web.error.badRequest');
  return new HttpError(500, 'error.generic', err instanceof Error ? err.message : String(err), false);
}

function titleKey(status: number): '400' | '401' | '403' | '404' | '429' | '500' {
  if (status === 400 || status === 401 || status === 403 || status === 404 || status === 429)
    return String(status) as '400' | '401' | '403' | '404' | '429';
  return status >= 500 ? '500' : '400';
}
