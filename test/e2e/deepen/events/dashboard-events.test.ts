/**
 * An organiser schedules, edits and cancels an event on the dashboard in headless Chromium. The
 * page enqueues the request; the REAL worker (bot + agenda on the emulator) carries it out in
 * Discord and writes the outcome, which the page then shows. No console error (a CSP violation
 * from the preview script would be one) may appear.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { GuildScheduledEventStatus as Status } from 'discord-api-types/v10';
import { agendaJobQueue } from '../../../../shared/db/agenda.js';
import { ensureIndexes } from '../../../../shared/db/indexes.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { updateGuildSettings } from '../../../../shared/kernel/guild-settings.service.js';
import { useMongoose } from '../../../support/database.js';
import { launchChromium, openWatchedPage } from '../../../support/browser.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { serveDashboard, type ServedDashboard } from '../../../support/web/dashboard-app.js';
import type { DashboardWorld } from '../../../support/web/emulator-world.js';
import { loginInBrowser } from '../../../support/web/emulator-login.js';
import { at } from '../../../integration/deepen/events/helpers.js';

async function reloadUntil(page: Page, testId: string, text: string) {
  for (let i = 0; i < 40; i++) {
    const found = await page.getByTestId(testId).allTextContents();
    if (found.some((t) => t.includes(text))) return;
    await page.waitForTimeout(200);
    await page.reload();
  }
  const last = await page.getByTestId(testId).allTextContents();
  throw new Error(`"${text}" never appeared in ${testId}: ${JSON.stringify(last)}`);
}

describe('dashboard events: create, edit, cancel in a browser with the real worker (e2e)', function () {
  this.timeout(90_000);
  useMongoose('e2e_events');
  let w: EventsWorld;
  let dashboard: ServedDashboard;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  before(async () => {
    await ensureIndexes();
    w = await startEventsWorld({ zone: 'Asia/Tokyo', start: at('2027-01-13T10:00', 'Asia/Tokyo') });
    // serveDashboard only needs the emulator of its world.
    dashboard = await serveDashboard({ emu: w.emu } as DashboardWorld, {
      now: () => w.now().getTime(),
      jobs: agendaJobQueue(w.agenda),
    });
    browser = await launchChromium();
    ({ page, consoleErrors } = await openWatchedPage(browser, dashboard.baseUrl, { locale: 'en-GB' }));
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await w?.stop();
  });

  it('schedules with a live time preview, then edits and cancels; Discord follows each step', async () => {
    const eventsUrl = `${dashboard.baseUrl}/guilds/${w.guildId}/events`;
    await page.goto(eventsUrl);
    await loginInBrowser(page, { name: 'Member 001', id: w.organiserId }, eventsUrl);

    await page.getByTestId('event-title').fill('Career night');
    await page.getByTestId('event-when').fill('next Saturday 8pm');
    await page.getByTestId('event-when-preview').filter({ hasText: '2027-01-23 20:00' }).waitFor();
    await Promise.all([page.waitForURL(eventsUrl), page.getByTestId('event-create-submit').click()]);
    await reloadUntil(page, 'event-request', 'Done: 1 occurrence scheduled');
    const occ = await EventOccurrence.findOne({ guildId: w.guildId }).lean();
    expect(occ!.start.toISOString()).to.equal(at('2027-01-23T20:00', 'Asia/Tokyo').toISOString());
    const discordId = occ!.discordEventId!;
    expect(w.emu.state.scheduledEvents.get(w.guildId, discordId).name).to.equal('Career night');
    expect(await page.getByTestId('event-row').count()).to.equal(1);

    await Promise.all([
      page.waitForURL(/\/events\/[a-f0-9]{24}$/),
      page.getByRole('link', { name: 'Career night' }).click(),
    ]);
    await page.getByTestId('event-edit').getByTestId('event-title').fill('Career night (2nd floor)');
    await page.getByTestId('event-edit').getByTestId('event-when').fill('2027-01-23 21:00');
    // The lobby select offers the voice channels the worker stored from its gateway cache.
    await page.getByTestId('event-lobby').selectOption({ label: 'Room 1' });
    await Promise.all([page.waitForURL(eventsUrl), page.getByTestId('event-edit-submit').click()]);
    await reloadUntil(page, 'event-request', 'Done: 1 occurrence updated');
    const edited = w.emu.state.scheduledEvents.get(w.guildId, discordId);
    expect(edited.name).to.equal('Career night (2nd floor)');
    expect(edited.channelId).to.equal(w.channels.room);
    expect(Date.parse(edited.scheduledStartTime)).to.equal(at('2027-01-23T21:00', 'Asia/Tokyo').getTime());

    await Promise.all([
      page.waitForURL(/\/events\/[a-f0-9]{24}$/),
      page.getByRole('link', { name: 'Career night (2nd floor)' }).click(),
    ]);
    await Promise.all([page.waitForURL(eventsUrl), page.getByTestId('event-cancel-submit').click()]);
    await reloadUntil(page, 'event-request', 'cancelled; those who said yes were told');
    expect(w.emu.state.scheduledEvents.get(w.guildId, discordId).status).to.equal(Status.Canceled);
    expect(await page.getByTestId('past-row').count()).to.equal(1);
    expect(consoleErrors).to.deep.equal([]);
  });

  it('changes a weekly series to every two weeks from its first occurrence; Discord loses the dates between', async () => {
    const eventsUrl = `${dashboard.baseUrl}/guilds/${w.guildId}/events`;
    // The database was cleared after the first test (sessions and settings with it).
    await updateGuildSettings(w.guildId, {
      locale: 'en',
      timeZone: w.zone,
      channels: { events: w.channels.events, lobby: w.channels.lobby },
      roles: w.roles,
    });
    await page.goto(eventsUrl);
    await loginInBrowser(page, { name: 'Member 001', id: w.organiserId }, eventsUrl);
    await page.getByTestId('event-title').fill('Saturday circle');
    await page.getByTestId('event-when').fill('2027-01-16 20:00');
    await page.getByTestId('event-repeat').fill('weekly');
    await Promise.all([page.waitForURL(eventsUrl), page.getByTestId('event-create-submit').click()]);
    await reloadUntil(page, 'event-request', 'Done: 4 occurrences scheduled');
    const first = await EventOccurrence.findOne({ title: 'Saturday circle' }).sort({ start: 1 }).lean();
    await page.goto(`${eventsUrl}/${first!._id}`);
    await page.getByTestId('event-edit').getByTestId('event-repeat').fill('every two weeks');
    await Promise.all([page.waitForURL(eventsUrl), page.getByTestId('event-edit-submit').click()]);
    await reloadUntil(page, 'event-request', 'Done. Occurrences updated: 2, added: 0, removed: 2');
    const left = await EventOccurrence.find({ title: 'Saturday circle', status: 'scheduled' })
      .sort({ start: 1 })
      .lean();
    expect(left.map((o) => o.localDate)).to.deep.equal(['2027-01-16', '2027-01-30']);
    const inDiscord = w.emu.state.scheduledEvents
      .list(w.guildId)
      .filter((e) => e.name === 'Saturday circle')
      .map((e) => e.id)
      .sort();
    expect(inDiscord).to.deep.equal(left.map((o) => o.discordEventId!).sort());
    expect(consoleErrors).to.deep.equal([]);
  });
});
