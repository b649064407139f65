/** Logging in to the dashboard through the Discord emulator's OAuth2 consent page. */
import type { Page } from 'playwright-core';
import type { Agent } from 'supertest';
import { startLogin } from './browser.js';

/**
 * Logs `userId` in as a browser would: our /auth/discord sends it to the emulator's consent
 * page, which (auto-consenting as `login_as`) redirects back to our callback with code + state.
 * Returns the callback's response.
 */
export async function loginThroughEmulator(agent: Agent, userId: string) {
  const consent = await startLogin(agent);
  consent.searchParams.set('login_as', userId);
  const res = await fetch(consent, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 && res.status !== 303)
    throw new Error(`consent answered ${res.status}: ${await res.text()}`);
  if (!location) throw new Error('consent did not redirect');
  const back = new URL(location);
  return agent.get(back.pathname + back.search);
}

/**
 * The same in a real browser, from our login page: clicks "log in with Discord", picks the
 * person on the emulator's consent page (it lists people as "Display name (id)") and waits
 * until the browser is back at `returnUrl`.
 */
export async function loginInBrowser(
  page: Page,
  person: { name: string; id: string },
  returnUrl: string,
): Promise<void> {
  await page.getByTestId('login-discord').click();
  await page.waitForURL((url) => url.pathname === '/oauth2/authorize');
  await page.getByRole('link', { name: new RegExp(`^${person.name} \\(${person.id}\\)`) }).click();
  await page.waitForURL(returnUrl);
}
