/**
 * An organiser on the relay page in headless Chromium: the waiting figures, the idle one-person
 * chains folded in a <details> (opened by a click, no script), and the Nominate button of a
 * baton the bot holds, which posts the form (CSRF) and shows the request's status. No console
 * error (a CSP violation would be one) may appear.
 */
import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { addDays } from '../../../shared/clock.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { onIntroduced } from '../../../shared/know/relay.service.js';
import { RelayChain } from '../../../shared/know/relay-chain.model.js';
import { recordLeave } from '../../../shared/connect/welcome.service.js';
import { useMongoose } from '../../support/database.js';
import { launchChromium, openWatchedPage } from '../../support/browser.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';
import { serveDashboard, type ServedDashboard } from '../../support/web/dashboard-app.js';
import { loginInBrowser } from '../../support/web/emulator-login.js';

const t0 = new Date('2026-04-01T01:00:00Z');

describe('dashboard relay page in a browser (e2e)', function () {
  this.timeout(60_000);
  useMongoose('e2e_relay_page');
  let world: DashboardWorld;
  let dashboard: ServedDashboard;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  const enqueued: { name: string; data: Record<string, unknown> }[] = [];

  before(async () => {
    await ensureIndexes();
    world = await startDashboardWorld();
    dashboard = await serveDashboard(world, {
      jobs: { now: async (name, data) => void enqueued.push({ name, data }) },
    });
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

  it('shows what waits, folds idle chains away and nominates for a baton the bot holds', async () => {
    const g = world.guildA;
    await updateGuildSettings(g, { roles: { organiser: world.organiserRoleA }, locale: 'en' });
    // Chain #1: member 1 left holding the baton (the bot holds it); chains #2–#4: idle; 9 has no intro.
    for (let n = 1; n <= 4; n++) {
      await seedMember(g, { n, joinedAt: t0, name: `Starter ${n}`, introducedAt: addDays(t0, n) });
      await onIntroduced({ guildId: g, userId: uid(n), now: addDays(t0, n) });
    }
    await recordLeave({ guildId: g, userId: uid(1), leftAt: addDays(t0, 5) });
    await RelayChain.updateOne(
      { guildId: g, number: 1 },
      { $set: { batonHolderId: null, batonWithBot: true, status: 'broken' } },
    );
    await seedMember(g, { n: 9, joinedAt: addDays(t0, 6) });

    const relayUrl = `${dashboard.baseUrl}/guilds/${g}/relay`;
    await page.goto(relayUrl);
    await loginInBrowser(page, { name: 'Moderator', id: world.people.moderator }, relayUrl);
    // Only the bot's baton waits for a nomination: the idle one-person chains are not counted.
    expect(await page.getByTestId('relay-waiting-nomination').textContent()).to.equal('1');
    expect(await page.getByTestId('relay-with-bot').textContent()).to.include('1 with the bot');
    expect(await page.getByTestId('relay-chain').count()).to.equal(1);

    const idle = page.getByTestId('relay-idle');
    expect(await idle.locator('li').first().isVisible()).to.equal(false);
    await idle.locator('summary').click();
    expect(await idle.locator('li').count()).to.equal(3);
    expect(await idle.locator('li').first().isVisible()).to.equal(true);

    const form = page.getByTestId('relay-nominate');
    await form.locator('select[name="nomineeId"]').selectOption(uid(9));
    await Promise.all([
      page.waitForURL(/\/relay#chain-/),
      form.getByRole('button', { name: 'Nominate' }).click(),
    ]);
    expect(await page.getByTestId('chain-request').textContent()).to.match(
      /^Nomination of .* sent to the bot…$/,
    );
    expect(enqueued.map((j) => [j.name, j.data.nomineeId])).to.deep.equal([['relay.nominate', uid(9)]]);
    mkdirSync('.tmp', { recursive: true });
    await page.screenshot({ path: '.tmp/dashboard-relay-waiting.png', fullPage: true });
    expect(consoleErrors).to.deep.equal([]);
  });
});
