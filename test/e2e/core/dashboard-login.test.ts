/**
 * A person logs in to the dashboard in headless Chromium: our login page → the Discord
 * emulator's OAuth2 consent page → back to the guild picker → the guild overview, switches the
 * language and logs out. No console error (a CSP violation would be one) may appear.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { getGuildHealth } from '../../../shared/health/index.js';
import { useMongoose } from '../../support/database.js';
import { launchChromium, openWatchedPage } from '../../support/browser.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { serveDashboard, type ServedDashboard } from '../../support/web/dashboard-app.js';
import { loginInBrowser } from '../../support/web/emulator-login.js';

describe('dashboard login in a browser (e2e)', function () {
  this.timeout(60_000);
  useMongoose('e2e_web');
  let world: DashboardWorld;
  let dashboard: ServedDashboard;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  before(async () => {
    world = await startDashboardWorld();
    // No GuildSettings here: the world's own lookup names guild A's staff role, and the overview
    // reads the health the bot recorded (none yet), as in production.
    dashboard = await serveDashboard(world, { staffRoles: world.staffRoles, healthLookup: getGuildHealth });
    baseUrl = dashboard.baseUrl;
    browser = await launchChromium();
    ({ page, consoleErrors } = await openWatchedPage(browser, baseUrl, { locale: 'ja-JP' }));
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await world?.emu.stop();
  });

  it('logs in through Discord OAuth2, sees the guild overview, switches to English and logs out', async () => {
    await page.goto(`${baseUrl}/guilds/${world.guildA}`);
    expect(new URL(page.url()).pathname).to.equal('/login');
    await loginInBrowser(
      page,
      { name: 'Manager', id: world.people.manager },
      `${baseUrl}/guilds/${world.guildA}`,
    );
    expect(await page.getByTestId('guild-name').textContent()).to.equal('Acme アルムナイ');
    expect(
      Number((await page.getByTestId('connect-joined').textContent())?.replace(/\D/g, '')),
    ).to.be.greaterThan(5);
    expect(await page.getByTestId('health-status').textContent()).to.include('Bot');
    expect(await page.getByTestId('user-name').textContent()).to.equal('Manager');

    // app.js submits the language form on change (script from our origin, allowed by the CSP).
    await Promise.all([
      page.waitForURL(`${baseUrl}/guilds/${world.guildA}`),
      page.selectOption('#lang-select', 'en'),
    ]);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');

    await page.getByRole('link', { name: '← All servers' }).click();
    await page.waitForURL(`${baseUrl}/guilds`);
    expect(await page.getByTestId('guild-link').allTextContents()).to.deep.equal(['Acme アルムナイ']);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${baseUrl}/login`);
    // Back after logout: signed-in pages are sent with no-store, so the browser asks again
    // and lands on the login page instead of showing the cached guild list.
    await page.goBack();
    await page.waitForURL(`${baseUrl}/login`);
    expect(await page.getByTestId('guild-link').count()).to.equal(0);
    await page.goto(`${baseUrl}/guilds`);
    expect(new URL(page.url()).pathname).to.equal('/login');

    expect(consoleErrors).to.deep.equal([]);
  });
});
