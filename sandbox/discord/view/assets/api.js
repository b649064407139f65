/* global fetch */
/**
 * The control API, as the view calls it: JSON in and out, one error type with the API's message.
 */

const BASE = '/_emulator';

export class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Calls the control API; resolves with the parsed body (undefined for 204).
 * @param {'GET'|'POST'|'PUT'|'DELETE'} method
 * @param {string} path under /_emulator
 * @param {unknown} [body]
 */
export async function call(method, path, body) {
  const res = await fetch(BASE + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, data?.error ?? data?.message ?? `HTTP ${res.status}`);
  return data;
}

/** GET under /_emulator. */
export const get = (path) => call('GET', path);
/** POST a JSON body under /_emulator. */
export const post = (path, body) => call('POST', path, body ?? {});

/** Encodes one path segment. */
export const seg = (value) => encodeURIComponent(String(value));
