/**
 * A person logs in to the dashboard in headless Chromium: our login page → the Discord
 * emulator's OAuth2 consent page → back to the guild picker → the guild overview, switches the
 * language and logs out. No console error (a CSP violation would be one) may appear.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../shared/logger.js';
import { createApp } from '../../web/app.js';
import { useMongoose } from '../support/database.js';
import { startDashboardWorld, type DashboardWorld } from '../integration/web/helpers/emulator-world.js';

describe('dashboard login in a browser (e2e)', function () {
  this.timeout(60_000);
  useMongoose('e2e_web');
  let world: DashboardWorld;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    world = await startDashboardWorld();
    // The app needs its public URL (the OAuth2 redirect_uri) before it exists, so listen first.
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { emu } = world;
    const app = createApp({
      config: {
        sessionSecret: 'an-e2e-secret-that-is-at-least-32-chars',
        publicUrl: baseUrl,
        discord: {
          clientId: emu.application.clientId,
          clientSecret: emu.application.clientSecret,
          apiBase: emu.restBase,
          botToken: emu.botToken,
        },
      },
      logger: silentLogger(),
      mongo: { client: mongoose.connection.getClient(), dbName: mongoose.connection.name },
      staffRoles: world.staffRoles,
    });
    server.on('request', app);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({ locale: 'ja-JP' });
    page = await context.newPage();
    page.on('console', (msg) => {
      // Only our pages count; the emulator's consent page is not the dashboard.
      if (msg.type() === 'error' && page.url().startsWith(baseUrl)) consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await world?.emu.stop();
  });

  it('logs in through Discord OAuth2, sees the guild overview, switches to English and logs out', async () => {
    await page.goto(`${baseUrl}/guilds/${world.guildA}`);
    expect(new URL(page.url()).pathname).to.equal('/login');
    await page.getByTestId('login-discord').click();

    // The emulator's consent screen lists people to log in as.
    await page.waitForURL((url) => url.pathname === '/oauth2/authorize');
    await page.getByRole('link', { name: new RegExp(`^Manager \\(${world.people.manager}\\)`) }).click();

    await page.waitForURL(`${baseUrl}/guilds/${world.guildA}`);
    expect(await page.getByTestId('guild-name').textContent()).to.equal('Acme アルムナイ');
    expect(
      Number((await page.getByTestId('member-count').textContent())?.replace(/\D/g, '')),
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
    await page.goto(`${baseUrl}/guilds`);
    expect(new URL(page.url()).pathname).to.equal('/login');

    expect(consoleErrors).to.deep.equal([]);
  });
});
