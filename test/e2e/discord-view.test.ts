/**
 * The Discord view, end to end in headless Chromium: a new person is created in the view, joins
 * the demo guild through a cohort invite, presses the intro button in the bot's DM, fills in the
 * modal and the survey, posts, and sees the embed in #introductions; then the organiser finds
 * them in the dashboard's members directory. Real discord.js, mongoose and agenda behind both pages;
 * no console error, uncaught exception or CSP violation may appear on either.
 */
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { Browser, Locator, Page } from 'playwright-core';
import { loadConfig } from '../../shared/config.js';
import { silentLogger } from '../../shared/logger.js';
import { createAgenda } from '../../shared/db/agenda.js';
import { ensureIndexes } from '../../shared/db/indexes.js';
import { getGuildSettings } from '../../shared/kernel/guild-settings.service.js';
import { startBot, type RunningBot } from '../../bot/start-bot.js';
import { deployCommands } from '../../bot/deploy-commands.js';
import { createApp } from '../../web/app.js';
import { listen, type RunningServer } from '../../web/server.js';
import { staffRolesFromSettings } from '../../web/core/staff-roles.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../sandbox/discord/index.js';
import { driversFor } from '../../sandbox/discord/drivers.js';
import { DEMO_GUILD_NAME, seedDemoCommunity, type DemoCommunity } from '../../sandbox/community/seed.js';
import { organiserSetup } from '../../sandbox/community/simulator.js';
import { launchChromium } from '../support/browser.js';
import { watchPage } from '../integration/emulator/view-browser.js';
import { testDatabaseUri, uniqueDbName } from '../support/database.js';

const PERSON = { username: 'sakura.e2e', name: '山本 さくら' };

/** The page's CSP is as strict as the dashboard's: own scripts and styles only, nothing inline. */
function expectStrictCsp(header: string | undefined): void {
  expect(header, 'Content-Security-Policy header').to.be.a('string');
  expect(header).to.match(/default-src 'self'/);
  expect(header).to.match(/script-src 'self'(;|$)/);
  expect(header).to.not.match(/unsafe-inline|unsafe-eval/);
}

/** Picks an option in a survey menu and waits until the bot has redrawn the survey. */
async function pick(page: Page, customIdSuffix: string, label: string): Promise<void> {
  const menu = page.locator(`select[data-custom-id$="${customIdSuffix}"]:enabled`).last();
  await menu.waitFor();
  const before = await menu.elementHandle();
  await menu.selectOption({ label });
  await page.waitForFunction((el) => !el?.isConnected, before, { timeout: 10_000 });
}

describe('the Discord view in a browser (e2e)', function () {
  this.timeout(90_000);
  const logger = silentLogger();
  let emulator: DiscordEmulator;
  let demo: DemoCommunity;
  let bot: RunningBot;
  let agenda: ReturnType<typeof createAgenda>;
  let dashboard: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  before(async () => {
    await mongoose.connect(testDatabaseUri(), {
      dbName: uniqueDbName('view'),
      serverSelectionTimeoutMS: 5000,
    });
    await ensureIndexes();
    emulator = await startDiscordEmulator({ logger });
    demo = seedDemoCommunity(emulator, { alumniCount: 0 });
    agenda = createAgenda({
      db: mongoose.connection.db as unknown as Db,
      processEveryMs: 200,
      name: 'view-e2e',
    });
    await deployCommands({
      token: emulator.botToken,
      applicationId: emulator.application.id,
      guildId: demo.guildId,
      restApi: emulator.restBase,
    });
    const config = loadConfig({ NODE_ENV: 'test' });
    bot = await startBot({ token: emulator.botToken, restApi: emulator.restBase, config, logger, agenda });
    await agenda.start();
    await organiserSetup(emulator, driversFor(emulator), demo);
    dashboard = await listen(
      (publicUrl: string) =>
        createApp({
          config: {
            sessionSecret: 'a-test-secret-that-is-at-least-32-chars',
            publicUrl,
            discord: {
              clientId: emulator.application.clientId,
              clientSecret: emulator.application.clientSecret,
              apiBase: emulator.restBase,
              oauthBase: emulator.baseUrl,
              botToken: emulator.botToken,
            },
          },
          logger,
          mongo: { client: mongoose.connection.getClient(), dbName: mongoose.connection.name },
          staffRoles: staffRolesFromSettings(getGuildSettings),
        }),
      0,
      '127.0.0.1',
    );
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    problems = await watchPage(page);
    mkdirSync('.tmp', { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close(500);
    await bot?.stop();
    await agenda?.stop();
    await emulator?.stop();
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
  });

  it('lets a new person join through an invite, introduce themself in the DM and see the intro posted', async () => {
    const cohort = demo.cohorts[0]!;
    const view = await page.goto(`${emulator.baseUrl}/_emulator/view`);
    expectStrictCsp(view?.headers()['content-security-policy']);
    await page.getByTestId('new-person').click();
    const dialog = page.getByTestId('person-dialog');
    await dialog.getByLabel('ユーザー名').fill(PERSON.username);
    await dialog.getByLabel('表示名').fill(PERSON.name);
    await dialog.getByLabel('招待').selectOption({ value: cohort.code! });
    await dialog.getByRole('button', { name: '作成して参加' }).click();
    await page.getByTestId('member-list').getByText(PERSON.name).waitFor();
    expect(emulator.state.invites.get(cohort.code!).uses).to.equal(1);

    await page.getByTestId('open-dms').click();
    await page.getByRole('button', { name: '自己紹介する' }).click();
    const modal = page.getByTestId('modal');
    await modal.waitFor();
    const field = (id: string): Locator => modal.locator(`[data-custom-id="${id}"]`);
    expect(await field('name').getAttribute('maxlength')).to.equal('80');
    await field('name').fill(PERSON.name);
    await field('career').fill('2019年まで 営業部');
    await field('currentWork').fill('プロダクトマネージャー');
    await field('interests').fill('登山、写真');
    await field('greeting').fill('またよろしくお願いします！');
    await page.screenshot({ path: '.tmp/discord-view-modal.png' });
    await modal.getByRole('button', { name: '送信' }).click();

    const survey = page.getByTestId('ephemeral-message').last();
    await survey.getByText('これはあなただけに表示されています').waitFor();
    await pick(page, `:${demo.guildId}`, '2010 年代');
    await pick(page, ':leaveYear', '2019');
    await pick(page, ':tenureBand', '5〜10年');
    await page.getByRole('button', { name: '次へ' }).click();
    await pick(page, ':industry', 'IT・通信');
    await page.screenshot({ path: '.tmp/discord-view-survey.png' });
    await page.getByRole('button', { name: '自己紹介を投稿する' }).click();
    await page.getByText('自己紹介を #introductions に投稿しました。').waitFor();

    await page.getByRole('button', { name: DEMO_GUILD_NAME }).click();
    await page.getByRole('button', { name: 'introductions' }).click();
    const embed = page.getByTestId('embed').filter({ hasText: PERSON.name });
    await embed.waitFor();
    expect(await embed.textContent()).to.include('IT・通信');
    await page.screenshot({ path: '.tmp/discord-view-introductions.png' });
    expect(problems).to.deep.equal([]);
  });

  it("lists the new person in the dashboard's members directory", async () => {
    const members = `${dashboard.url}/guilds/${demo.guildId}/insights/directory`;
    const login = await page.goto(members);
    expectStrictCsp(login?.headers()['content-security-policy']);
    // The emulator logs the demo organiser in without asking (its default OAuth2 user).
    await page.getByTestId('login-discord').click();
    await page.waitForURL(members);
    await page.getByTestId('directory-row').filter({ hasText: PERSON.name }).waitFor();
    await page.screenshot({ path: '.tmp/discord-view-dashboard-members.png', fullPage: true });
    expect(problems).to.deep.equal([]);
  });
});
