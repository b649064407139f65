/** supertest helpers that do what a browser does on the dashboard. */
import type { Agent } from 'supertest';

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/** Starts the login and returns the URL the browser is sent to (Discord's consent page). */
export async function startLogin(agent: Agent): Promise<URL> {
  const res = await agent.get('/auth/discord').expect(303);
  return new URL(res.headers.location as string);
}

/** Cookie header lines of a response, by cookie name. */
export function setCookies(headers: Record<string, unknown>): Map<string, string> {
  const raw = headers['set-cookie'];
  const lines = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
}
