/**
 * Headless Chromium for the end-to-end tests: the system's browser driven by playwright-core
 * (which downloads none of its own).
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Starts the system Chromium headless; the flags keep it quiet and working inside a container. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page whose console errors and uncaught exceptions end up in `consoleErrors`. */
export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
}

/**
 * Opens a page in a new context and records every uncaught exception, and every console error
 * logged while the page is on `origin`: only our pages count, not the emulator's consent page.
 */
export async function openWatchedPage(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && page.url().startsWith(origin)) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, consoleErrors };
}
