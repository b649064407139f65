/**
 * The sandbox links the dashboard to the emulator's Discord view (issue 9 §1), so a person trying
 * Tsunagu sees both sides; production (no `discordViewUrl`) shows no such link.
 */
import { expect } from 'chai';
import request from 'supertest';
import { useMongoose } from '../../support/database.js';
import { startDashboardWorld, type DashboardWorld } from '../../support/web/emulator-world.js';
import { dashboardApp, dashboardConfig } from '../../support/web/dashboard-app.js';
import { LOCALE_COOKIE } from '../../../web/middleware/locale.js';

describe('Dashboard: the link to the Discord view in the sandbox', () => {
  useMongoose('web_discord_view_link');
  let world: DashboardWorld;
  before(async () => {
    world = await startDashboardWorld();
  });
  after(async () => {
    await world.emu.stop();
  });

  it('shows the Discord view link in the header, in both languages, when the sandbox sets it', async () => {
    const viewUrl = `${world.emu.baseUrl}/_emulator/view`;
    const app = dashboardApp(world, { config: dashboardConfig(world, { discordViewUrl: viewUrl }) });
    const en = await request(app).get('/login').set('Cookie', `${LOCALE_COOKIE}=en`).expect(200);
    expect(en.text).to.include(`href="${viewUrl}"`).and.include('Discord view (sandbox)');
    const ja = await request(app).get('/login').set('Cookie', `${LOCALE_COOKIE}=ja`).expect(200);
    expect(ja.text).to.include(`href="${viewUrl}"`).and.include('Discord ビュー');
  });

  it('shows no such link without it (production)', async () => {
    const res = await request(dashboardApp(world)).get('/login').expect(200);
    expect(res.text).to.not.include('discord-view-link');
  });
});
