/**
 * An organiser on the prompts page in headless Chromium: adds a prompt to a theme, edits it in
 * its <details> (opened by a click, no script), deletes it, then switches to Japanese and adds
 * one there. Every form posts with its CSRF token; no console error (a CSP violation would be
 * one) may appear.
 */
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { ensureIndexes } from '../../../../shared/db/indexes.js';
import { updateGuildSettings } from '../../../../shared/kernel/guild-settings.service.js';
import { listCustomPrompts } from '../../../../shared/deepen/mixer/custom-prompt.service.js';
import { useMongoose } from '../../../support/database.js';
import { launchChromium, openWatchedPage } from '../../../support/browser.js';
import { startDashboardWorld, type DashboardWorld } from '../../../support/web/emulator-world.js';
import { serveDashboard, type ServedDashboard } from '../../../support/web/dashboard-app.js';
import { loginInBrowser } from '../../../support/web/emulator-login.js';

describe('dashboard prompts page in a browser (e2e)', function () {
  this.timeout(60_000);
  useMongoose('e2e_prompts_page');
  let world: DashboardWorld;
  let dashboard: ServedDashboard;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  before(async () => {
    await ensureIndexes();
    world = await startDashboardWorld();
    dashboard = await serveDashboard(world);
    browser = await launchChromium();
    ({ page, consoleErrors } = await openWatchedPage(browser, dashboard.baseUrl, {
      locale: 'en-US',
      viewport: { width: 1200, height: 900 },
    }));
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await world?.emu.stop();
  });

  it('adds, edits and deletes a prompt, then adds one in Japanese', async () => {
    const g = world.guildA;
    await updateGuildSettings(g, { roles: { organiser: world.organiserRoleA } });
    const path = `/guilds/${g}/prompts`;
    const url = `${dashboard.baseUrl}${path}`;
    await page.goto(url);
    await loginInBrowser(page, { name: 'Moderator', id: world.people.moderator }, url);
    expect(await page.getByTestId('prompt-theme').count()).to.equal(7);

    const add = page.getByTestId('prompt-add');
    await add.locator('select[name="theme"]').selectOption('career');
    await add.locator('textarea[name="text"]').fill('What would you tell your younger self at work?');
    await Promise.all([page.waitForURL(/done=added/), add.getByRole('button', { name: 'Add' }).click()]);
    expect(await page.getByTestId('prompts-notice').textContent()).to.equal('Prompt added.');
    const career = page.locator('[data-testid="prompt-theme"][data-theme="career"]');
    const prompt = career.getByTestId('custom-prompt');
    expect(await prompt.getByTestId('custom-prompt-text').textContent()).to.equal(
      'What would you tell your younger self at work?',
    );

    const editForm = prompt.getByTestId('prompt-edit');
    expect(await editForm.isVisible()).to.equal(false);
    await prompt.getByTestId('custom-prompt-edit').click();
    await editForm.locator('textarea[name="text"]').fill('Which skill from the company do you use most?');
    await Promise.all([
      page.waitForURL(/done=edited/),
      editForm.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(await page.getByTestId('prompts-notice').textContent()).to.equal('Prompt saved.');
    expect(await career.getByTestId('custom-prompt-text').textContent()).to.equal(
      'Which skill from the company do you use most?',
    );

    await Promise.all([
      page.waitForURL(/done=deleted/),
      career.getByTestId('prompt-delete').getByRole('button', { name: 'Delete' }).click(),
    ]);
    expect(await page.getByTestId('prompts-notice').textContent()).to.equal('Prompt deleted.');
    expect(await career.getByTestId('custom-prompt').count()).to.equal(0);
    expect(await listCustomPrompts(g, 'career')).to.deep.equal([]);

    await page.goto(`${dashboard.baseUrl}/locale?lang=ja&returnTo=${encodeURIComponent(path)}`);
    await page.waitForURL(url);
    expect(await page.locator('h1').textContent()).to.include('会話のトークテーマ');
    const addJa = page.getByTestId('prompt-add');
    await addJa.locator('select[name="theme"]').selectOption('home-time');
    await addJa.locator('textarea[name="text"]').fill('最近ハマっている料理は？');
    await Promise.all([page.waitForURL(/done=added/), addJa.getByRole('button', { name: '追加' }).click()]);
    expect(await page.getByTestId('prompts-notice').textContent()).to.equal('トークテーマを追加しました。');
    const homeTime = page.locator('[data-testid="prompt-theme"][data-theme="home-time"]');
    expect(await homeTime.getByTestId('custom-prompt-text').textContent()).to.equal(
      '最近ハマっている料理は？',
    );
    expect((await listCustomPrompts(g, 'home-time')).map((p) => p.text)).to.deep.equal([
      '最近ハマっている料理は？',
    ]);

    mkdirSync('.tmp', { recursive: true });
    await page.screenshot({ path: '.tmp/dashboard-prompts.png', fullPage: true });
    expect(consoleErrors).to.deep.equal([]);
  });
});
