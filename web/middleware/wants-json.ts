import type { Request } from 'express';

/** True when the client prefers JSON to HTML (API calls, fetch), so errors answer in JSON. */
export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}
