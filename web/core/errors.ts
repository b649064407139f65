import type { Vars, MessageKey } from '../../shared/i18n/index.js';

/**
 * Typed HTTP errors for the dashboard. Routes and services throw these; the one error handler
 * (web/middleware/error-handler.ts) turns them into a localized page or JSON.
 */
export class HttpError extends Error {
  /**
   * @param status HTTP status code sent to the client
   * @param messageKey i18n key of the message shown to the user
   * @param expose whether `message` (developer text) may be logged at warn rather than error level
   */
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
    message: string = messageKey,
    readonly expose = status < 500,
    readonly vars: Vars = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export class BadRequestError extends HttpError {
  constructor(messageKey: MessageKey = 'web.error.badRequest', message?: string) {
    super(400, messageKey, message);
    this.name = 'BadRequestError';
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'login required') {
    super(401, 'web.error.unauthorized', message);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends HttpError {
  constructor(messageKey: MessageKey = 'web.error.forbidden', message?: string) {
    super(403, messageKey, message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'not found') {
    super(404, 'web.error.notFound', message);
    this.name = 'NotFoundError';
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'error.rateLimited', 'rate limited', true, { seconds: retryAfterSeconds });
    this.name = 'TooManyRequestsError';
  }
}

/** A dependency (Discord, the database) failed; the user should retry later. */
export class UpstreamError extends HttpError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(502, 'web.error.upstream', message, false);
    this.name = 'UpstreamError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
