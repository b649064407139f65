/**
 * An organiser walks the Connect & Know pages in headless Chromium: logs in through the Discord
 * emulator, opens the members directory (and filters it), invites and the relay from the guild navigation.
 * No console error (a CSP violation would be one) may appear. A screenshot of the member list
 * goes to .tmp/ for a person to look at (Japanese text, layout).
 */
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { addDays } from '../../../shared/clock.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { attributeJoin, createCohortInvite } from '../../../shared/connect/invite-tracking.service.js';
import { nominate, onIntroduced } from '../../../shared/know/relay.service.js';
import { useMongoose } from '../../support/database.js';
import { launchChromium, openWatchedPage } from '../../support/browser.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { serveDashboard, type ServedDashboard } from '../../support/web/dashboard-app.js';
import { loginInBrowser } from '../../support/web/emulator-login.js';

const t0 = new Date('2026-04-01T01:00:00Z');
const NAMES = ['山田 花子', '佐藤 健', '<script>alert(1)</script>', '鈴木 美咲', '高橋 翔'];

async function seedCommunity(guildId: string): Promise<void> {
  const cohort = { code: 'sales2025', uses: 0, maxUses: 0, inviterId: uid(1) };
  await seedMember(guildId, {
    n: 1,
    joinedAt: t0,
    name: NAMES[0]!,
    introducedAt: t0,
    attributes: { leaveYear: 2020, industry: 'it', region: 'kanto' },
  });
  await createCohortInvite({ guildId, invite: cohort, label: '2025年度 退職者（営業）', createdBy: uid(1) });
  for (let n = 2; n <= 8; n++) {
    const joinedAt = addDays(t0, n);
    // Member 2 introduces themself later, as the nominee of the relay.
    const name = n === 2 ? undefined : NAMES[n - 1];
    await seedMember(guildId, {
      n,
      joinedAt,
      ...(name ? { name, introducedAt: addDays(joinedAt, 1) } : {}),
      attributes: { leaveYear: 2018 + (n % 4), industry: n % 2 ? 'finance' : 'consulting', region: 'kansai' },
    });
    await attributeJoin({ guildId, userId: uid(n), invites: [{ ...cohort, uses: n - 1 }], joinedAt });
  }
  await onIntroduced({ guildId, userId: uid(1), now: t0 });
  await nominate({
    guildId,
    by: { userId: uid(1) },
    nominee: { userId: uid(2), isBot: false, isMember: true },
    now: t0,
  });
  await seedMember(guildId, {
    n: 2,
    joinedAt: addDays(t0, 2),
    name: NAMES[1]!,
    introducedAt: addDays(t0, 3),
  });
  await onIntroduced({ guildId, userId: uid(2), now: addDays(t0, 3) });
  await nominate({
    guildId,
    by: { userId: uid(2) },
    nominee: { userId: uid(6), isBot: false, isMember: true },
    now: addDays(t0, 3),
  });
}

describe('dashboard Connect & Know pages in a browser (e2e)', function () {
  this.timeout(60_000);
  useMongoose('e2e_pages');
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
    page.on('dialog', (dialog) => {
      consoleErrors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await world?.emu.stop();
  });

  it('logs in as the organiser and walks the directory, invites and relay without a console error', async () => {
    await updateGuildSettings(world.guildA, { roles: { organiser: world.organiserRoleA } });
    await seedCommunity(world.guildA);

    await page.goto(`${baseUrl}/guilds/${world.guildA}`);
    await loginInBrowser(
      page,
      { name: 'Moderator', id: world.people.moderator },
      `${baseUrl}/guilds/${world.guildA}`,
    );
    // THE member count: people in the guild on Discord now, bots not counted.
    const { members, users } = world.emu.state;
    const humans = members.list(world.guildA).filter((m) => !users.get(m.userId).bot).length;
    expect(await page.getByTestId('connect-joined').textContent()).to.equal(String(humans));

    // The members directory (the old /members list redirects there, filters included).
    await page.getByTestId('nav-directory').click();
    const directory = `${baseUrl}/guilds/${world.guildA}/insights/directory`;
    await page.waitForURL(directory);
    expect(await page.getByTestId('directory-row').count()).to.equal(8);
    expect(await page.getByRole('link', { name: '<script>alert(1)</script>' }).count()).to.equal(1);

    await page.selectOption('select[name="introduced"]', 'no');
    await Promise.all([
      page.waitForURL(/introduced=no/),
      page.getByRole('button', { name: '検索', exact: true }).click(),
    ]);
    expect(await page.getByTestId('directory-row').count()).to.equal(3);
    // Switching the language keeps the filtered page (app.js submits the language form).
    await Promise.all([page.waitForURL(/lang|introduced=no/), page.selectOption('#lang-select', 'en')]);
    await page.getByRole('button', { name: 'Search', exact: true }).waitFor();
    expect(page.url()).to.include('introduced=no');
    expect(await page.getByTestId('directory-total').textContent()).to.equal(
      '3 members with a Tsunagu profile',
    );
    await Promise.all([page.waitForURL(/introduced=no/), page.selectOption('#lang-select', 'ja')]);
    await page.getByRole('button', { name: '検索', exact: true }).waitFor();
    // A bookmark of the old member list lands on the directory with its filter.
    await page.goto(`${baseUrl}/guilds/${world.guildA}/members?introduced=no`);
    await page.waitForURL(`${directory}?introduced=no`);
    expect(await page.getByTestId('directory-row').count()).to.equal(3);
    await page.goto(directory);
    mkdirSync('.tmp', { recursive: true });
    await page.screenshot({ path: '.tmp/dashboard-members.png', fullPage: true });

    await page.getByTestId('nav-invites').click();
    await page.waitForURL(`${baseUrl}/guilds/${world.guildA}/invites`);
    expect(await page.getByTestId('leaderboard-row').first().textContent()).to.include('山田 花子');
    expect(await page.getByTestId('cohort-joins').textContent()).to.equal('7');
    await page.screenshot({ path: '.tmp/dashboard-invites.png', fullPage: true });

    await page.getByTestId('nav-relay').click();
    await page.waitForURL(`${baseUrl}/guilds/${world.guildA}/relay`);
    expect(await page.getByTestId('relay-link').count()).to.equal(2);
    expect(await page.getByTestId('chain-waiting').textContent()).to.include(uid(6));
    await page.screenshot({ path: '.tmp/dashboard-relay.png', fullPage: true });

    expect(consoleErrors).to.deep.equal([]);
  });
});
