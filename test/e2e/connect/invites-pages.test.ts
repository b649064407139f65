/**
 * An organiser looks for ambassadors in headless Chromium: the overview's "Top connectors"
 * block, then the invites page it links to (people ranked, cohorts with Discord's uses beside
 * the members they brought in, and the explanation). No console error (a CSP violation would
 * be one) may appear; screenshots go to .tmp/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import {
  attributeJoin,
  createCohortInvite,
  syncInvites,
} from '../../../shared/connect/invite-tracking.service.js';
import { savePersonalInvite } from '../../../shared/connect/personal-invite.service.js';
import { recordJoin, recordLeave } from '../../../shared/connect/welcome.service.js';
import { useMongoose } from '../../support/database.js';
import { launchChromium, openWatchedPage } from '../../support/browser.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { serveDashboard, type ServedDashboard } from '../../support/web/dashboard-app.js';
import { loginInBrowser } from '../../support/web/emulator-login.js';

const t0 = new Date('2026-04-01T01:00:00Z');
const BOT = '100000000000099999';

/** 山田 brings four in through her personal link, the organiser (uid 2) two through a cohort invite; one comes back. */
async function seedConnectors(guildId: string): Promise<void> {
  await seedMember(guildId, { n: 1, joinedAt: t0, name: '山田 花子' });
  await seedMember(guildId, { n: 2, joinedAt: t0, name: '運営 はるか' });
  const personal = { code: 'yamada', uses: 0, maxUses: 0, inviterId: BOT };
  const cohort = { code: 'sales25', uses: 0, maxUses: 0, inviterId: BOT };
  await syncInvites({ guildId, invites: [personal, cohort] });
  await savePersonalInvite({ guildId, userId: uid(1), invite: personal });
  await createCohortInvite({ guildId, invite: cohort, label: '2025年度 退職者（営業）', createdBy: uid(2) });
  let p = 0;
  let c = 0;
  const join = async (n: number, through: 'p' | 'c') => {
    if (through === 'p') p += 1;
    else c += 1;
    await seedMember(guildId, { n, joinedAt: t0 });
    await attributeJoin({
      guildId,
      userId: uid(n),
      invites: [
        { ...personal, uses: p },
        { ...cohort, uses: c },
      ],
    });
  };
  for (const n of [10, 11, 12, 13]) await join(n, 'p');
  for (const n of [20, 21]) await join(n, 'c');
  await recordLeave({ guildId, userId: uid(21) });
  await recordJoin({ guildId, userId: uid(21) });
  c += 1;
  await attributeJoin({
    guildId,
    userId: uid(21),
    invites: [
      { ...personal, uses: p },
      { ...cohort, uses: c },
    ],
  });
}

describe('dashboard: who brings people in, in a browser (e2e)', function () {
  this.timeout(60_000);
  useMongoose('e2e_connectors');
  let world: DashboardWorld;
  let dashboard: ServedDashboard;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  before(async () => {
    await ensureIndexes();
    world = await startDashboardWorld();
    dashboard = await serveDashboard(world);
    baseUrl = dashboard.baseUrl;
    browser = await launchChromium();
    ({ page, consoleErrors } = await openWatchedPage(browser, baseUrl, {
      locale: 'ja-JP',
      viewport: { width: 1200, height: 900 },
    }));
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await world?.emu.stop();
  });

  it('shows the top connectors on the overview and ranks people on the invites page', async () => {
    await updateGuildSettings(world.guildA, { roles: { organiser: world.organiserRoleA } });
    await seedConnectors(world.guildA);
    await page.goto(`${baseUrl}/guilds/${world.guildA}`);
    await loginInBrowser(
      page,
      { name: 'Moderator', id: world.people.moderator },
      `${baseUrl}/guilds/${world.guildA}`,
    );
    const top = page.getByTestId('top-connector');
    expect(await top.count()).to.equal(2);
    expect(await top.first().textContent()).to.equal('山田 花子：招いた人 4 人（在籍 4 人）');
    mkdirSync('.tmp', { recursive: true });
    await page.getByTestId('top-connectors').screenshot({ path: '.tmp/dashboard-top-connectors.png' });

    await page.getByTestId('top-connectors').getByRole('link').click();
    await page.waitForURL(`${baseUrl}/guilds/${world.guildA}/invites`);
    const first = page.getByTestId('leaderboard-row').first();
    expect(await first.getByTestId('connector-name').textContent()).to.equal('山田 花子');
    expect(await first.getByTestId('connector-sources').textContent()).to.equal('個人リンク：4 人');
    const second = page.getByTestId('leaderboard-row').nth(1);
    expect(await second.getByTestId('connector-joins').textContent()).to.equal('2');
    expect(await second.getByTestId('connector-uses').textContent()).to.equal('3');
    expect(await page.getByTestId('cohort-uses').textContent()).to.equal('3');
    expect(await page.getByTestId('cohort-joins').textContent()).to.equal('2');
    expect(await page.getByTestId('counting-hint').textContent()).to.include('1 人につき 1 回');
    await page.screenshot({ path: '.tmp/dashboard-connectors.png', fullPage: true });
    expect(consoleErrors).to.deep.equal([]);
  });
});
