/**
 * The Discord view in headless Chromium for the view tests: a page opened at a place (guild,
 * channel, acting member) that records every console error, uncaught exception and CSP violation.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { ViewWorld } from './view-world.js';

/** Logs each CSP violation as a console error (an init script is not bound by the page's CSP). */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) =>
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`;

/**
 * Records the page's console errors, uncaught exceptions, CSP violations and any dialog (the
 * view never opens one) on every origin; the returned list fills as they happen.
 */
export async function watchPage(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  return problems;
}

export interface ViewPage {
  page: Page;
  problems: string[];
  /** Opens the view at a guild channel (or the DMs) acting as `as`. */
  open(place: { channel?: string; dm?: boolean; as: string }): Promise<void>;
}

/** A watched page in a new context (Japanese, Asia/Tokyo unless `options` say otherwise). */
export async function openViewPage(
  browser: Browser,
  w: ViewWorld,
  options: BrowserContextOptions = {},
): Promise<ViewPage> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1300, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  const problems = await watchPage(page);
  return {
    page,
    problems,
    async open(place) {
      const hash = new URLSearchParams({ guild: w.guildId, as: place.as });
      if (place.channel) hash.set('channel', place.channel);
      if (place.dm) hash.set('dm', '1');
      // A new document each time: a change of hash alone would not reload the view.
      await page.goto('about:blank');
      await page.goto(`${w.emu.baseUrl}/_emulator/view#${hash}`);
      await page.locator('#app:not([aria-busy])').waitFor();
      await page.getByTestId('messages').waitFor();
    },
  };
}
