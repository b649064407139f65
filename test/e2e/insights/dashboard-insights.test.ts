/**
 * An organiser opens the Insights pages in headless Chromium, in Japanese and in English: the
 * Trends and funnel charts are drawn by Chart.js (served from the project's own dependency) with
 * data, the directory lists people, no console error appears (a CSP violation would be one) and
 * the CSP header is intact. Screenshots go to .tmp/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { addDays } from '../../../shared/clock.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { createActivityCounter } from '../../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../../shared/insights/activity-store.js';
import { MixerAttendance } from '../../../shared/deepen/mixer/mixer-attendance.model.js';
import { MixerFeedback } from '../../../shared/deepen/mixer/mixer-feedback.model.js';
import { silentLogger } from '../../../shared/logger.js';
import { useMongoose } from '../../support/database.js';
import { launchChromium, openWatchedPage } from '../../support/browser.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { serveDashboard, type ServedDashboard } from '../../support/web/dashboard-app.js';
import { loginInBrowser } from '../../support/web/emulator-login.js';

const HOUR = 3_600_000;

async function seedActivity(guildId: string): Promise<void> {
  const now = new Date();
  for (let n = 1; n <= 6; n++) {
    const joinedAt = addDays(now, -40 + n * 5);
    await seedMember(guildId, {
      n,
      joinedAt,
      ...(n % 3 ? { name: `メンバー ${n}`, introducedAt: addDays(joinedAt, 1) } : {}),
      attributes: { leaveYear: 2018 + n, industry: n % 2 ? 'it' : 'finance' },
    });
  }
  await MixerAttendance.create([
    { guildId, runId: 'r1', userId: uid(1), at: addDays(now, -20) },
    { guildId, runId: 'r2', userId: uid(1), at: addDays(now, -6) },
    { guildId, runId: 'r2', userId: uid(2), at: addDays(now, -6) },
  ]);
  await MixerFeedback.create({ guildId, runId: 'r2', userId: uid(1), rating: 4 });
  const counter = createActivityCounter({
    store: mongooseActivityStore,
    clock: { now: () => now },
    logger: silentLogger(),
  });
  for (let day = 0; day < 28; day++)
    for (let n = 1; n <= 6; n++)
      if ((day + n) % 3 === 0)
        counter.message(
          guildId,
          '1111',
          uid(n),
          new Date(now.getTime() - day * 24 * HOUR - n * HOUR),
          'general',
        );
  counter.voice(guildId, uid(1), '2222', new Date(now.getTime() - 30 * HOUR), 'Lounge');
  counter.voice(guildId, uid(1), null, new Date(now.getTime() - 29 * HOUR));
  counter.member(guildId, uid(6), 'joins', addDays(now, -10));
  await counter.flush(); // written whatever the load (close() gives up after its bound)
  await counter.close();
}

/** Every chart on the page with how many non-zero values its datasets hold. */
async function drawnCharts(page: Page): Promise<{ id: string; nonZero: number }[]> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      Chart: { getChart(c: unknown): { data: { datasets: { data: number[] }[] } } | undefined };
      document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> };
    };
    return Array.from(g.document.querySelectorAll('canvas[data-chart]')).map((canvas) => ({
      id: canvas.getAttribute('data-chart') ?? '',
      nonZero: (g.Chart.getChart(canvas)?.data.datasets ?? []).flatMap((d) => d.data).filter((v) => v !== 0)
        .length,
    }));
  });
}

describe('dashboard Insights pages in a browser (e2e)', function () {
  this.timeout(90_000);
  useMongoose('e2e_insights');
  let world: DashboardWorld;
  let dashboard: ServedDashboard;
  let baseUrl: string;
  let browser: Browser;

  before(async () => {
    await ensureIndexes();
    world = await startDashboardWorld();
    dashboard = await serveDashboard(world);
    baseUrl = dashboard.baseUrl;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await world?.emu.stop();
  });

  for (const { locale, trends, funnel, directory } of [
    { locale: 'ja-JP', trends: '参加のトレンド', funnel: '活性化ファネル', directory: 'メンバー名簿' },
    {
      locale: 'en-GB',
      trends: 'Participation trends',
      funnel: 'Activation funnel',
      directory: 'Members directory',
    },
  ]) {
    it(`draws Trends and funnel charts with data and lists the directory, in ${locale}, without a console error`, async () => {
      await updateGuildSettings(world.guildA, { roles: { organiser: world.organiserRoleA } });
      await seedActivity(world.guildA);
      const { page, consoleErrors } = await openWatchedPage(browser, baseUrl, {
        locale,
        viewport: { width: 1280, height: 1000 },
      });
      const guildPath = `${baseUrl}/guilds/${world.guildA}`;
      await page.goto(`${guildPath}/insights/trends`);
      await loginInBrowser(
        page,
        { name: 'Moderator', id: world.people.moderator },
        `${guildPath}/insights/trends`,
      );

      const response = await page.reload();
      expect(response?.headers()['content-security-policy'])
        .to.include("script-src 'self'")
        .and.not.include('unsafe-inline');
      expect(await page.locator('h1').textContent()).to.include(trends);
      await page.locator('canvas[data-chart="messages"]').waitFor();
      const charts = await drawnCharts(page);
      const ids = ['members', 'active', 'messages', 'voice', 'intros', 'participation'];
      expect(charts.map((c) => c.id)).to.deep.equal(ids);
      for (const id of ids) expect(charts.find((c) => c.id === id)!.nonZero, id).to.be.greaterThan(0);
      expect(await page.locator('table.heatmap td[class^="heat-"]:not(.heat-0)').count()).to.be.greaterThan(
        0,
      );
      mkdirSync('.tmp', { recursive: true });
      await page.screenshot({ path: `.tmp/insights-trends-${locale}.png`, fullPage: true });

      await page.getByTestId('nav-funnel').click();
      await page.waitForURL(`${guildPath}/insights/funnel`);
      expect(await page.locator('h1').textContent()).to.include(funnel);
      await page.locator('canvas[data-chart="funnel"]').waitFor();
      expect((await drawnCharts(page))[0]!.nonZero).to.be.greaterThan(0);
      expect(await page.getByTestId('cohorts').locator('tbody tr').count()).to.be.greaterThan(0);
      await page.screenshot({ path: `.tmp/insights-funnel-${locale}.png`, fullPage: true });

      await page.getByTestId('nav-directory').click();
      await page.waitForURL(`${guildPath}/insights/directory`);
      expect(await page.locator('h1').textContent()).to.include(directory);
      expect(await page.getByTestId('directory-row').count()).to.equal(6);
      await page.getByTestId('sort-messages').click();
      await page.waitForURL(/sort=messages/);
      await page.getByTestId('directory-row').first().locator('a').click();
      await page.getByTestId('member-activity').waitFor();
      await page.screenshot({ path: `.tmp/insights-member-${locale}.png`, fullPage: true });

      expect(consoleErrors).to.deep.equal([]);
      await page.context().close();
    });
  }
});
