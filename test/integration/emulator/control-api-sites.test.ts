/**
 * Another page open in the same browser — the dashboard on another port, any site — must not be
 * able to drive the emulator: a form posted from there is a "simple" request that needs no CORS.
 * The control API only answers scripts (no Origin) and the emulator's own pages.
 */
import { expect } from 'chai';
import { fromOwnPages } from '../../../sandbox/discord/control-api.js';
import { startViewWorld, type ViewWorld } from './view-world.js';

describe('emulator control API: requests from other sites', () => {
  let w: ViewWorld;

  before(async () => {
    w = await startViewWorld();
  });

  after(async () => {
    await w?.emu.stop();
  });

  it('refuses a form posted from another origin and does nothing', async () => {
    const before = w.emu.state.users.list().length;
    const res = await fetch(`${w.emu.baseUrl}/_emulator/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000' },
      body: 'username=intruder',
    });
    expect(res.status).to.equal(403);
    expect(w.emu.state.users.list().length).to.equal(before);
  });

  it('refuses what the browser marks as cross-site or same-site', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const { status } = await w.control('GET', '/state', undefined, { 'Sec-Fetch-Site': site });
      expect(status, site).to.equal(403);
    }
  });

  it('answers the emulator’s own pages and scripts without browser headers', async () => {
    const own = new URL(w.emu.baseUrl).origin;
    const fromView = await w.control(
      'POST',
      '/users',
      { username: 'from.view' },
      { Origin: own, 'Sec-Fetch-Site': 'same-origin' },
    );
    expect(fromView.status).to.equal(200);
    expect((await w.control('GET', '/state')).status).to.equal(200);
  });

  it('compares the Origin with the Host the request names', () => {
    const headers = (h: Record<string, string>) => ({ headers: h });
    expect(fromOwnPages(headers({ host: '127.0.0.1:8790', origin: 'http://127.0.0.1:8790' }))).to.equal(true);
    expect(fromOwnPages(headers({ host: 'localhost:8790', origin: 'http://localhost:8790' }))).to.equal(true);
    expect(fromOwnPages(headers({ host: '127.0.0.1:8790', origin: 'http://127.0.0.1:3000' }))).to.equal(
      false,
    );
    expect(fromOwnPages(headers({ host: '127.0.0.1:8790', origin: 'null' }))).to.equal(false);
    expect(fromOwnPages(headers({ host: '127.0.0.1:8790', 'sec-fetch-site': 'none' }))).to.equal(true);
    expect(fromOwnPages(headers({ host: '127.0.0.1:8790' }))).to.equal(true);
  });
});
