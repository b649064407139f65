/**
 * The Discord view's page and files over HTTP: a strict CSP and no inline code or styles, only
 * the view's own files served (no way out of its folder), this machine only, and client code
 * that never turns data into markup.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { expect } from 'chai';
import { VIEW_CSP } from '../../../sandbox/discord/view/index.js';
import { startViewWorld, type ViewWorld } from './view-world.js';

const ASSETS = new URL('../../../sandbox/discord/view/assets/', import.meta.url);
const scripts = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));

describe('Discord view page', () => {
  let w: ViewWorld;
  const page = (path: string, init?: RequestInit) =>
    fetch(`${w.emu.baseUrl}${path}`, { redirect: 'manual', ...init });

  before(async () => {
    w = await startViewWorld();
  });

  after(async () => {
    await w?.emu.stop();
  });

  it('serves the page with a strict CSP, no framing and no inline script or style', async () => {
    const res = await page('/_emulator/view');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-security-policy')).to.equal(VIEW_CSP);
    expect(VIEW_CSP)
      .to.include("script-src 'self'")
      .and.include("style-src 'self'")
      .and.include("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).to.equal('DENY');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    const html = await res.text();
    expect(html).to.match(/<script type="module" src="\/_emulator\/view\/assets\/app\.js"><\/script>/);
    expect(html).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).to.not.match(/\sstyle=|<style|\son\w+=/i);
  });

  it('sends /, /_emulator and /_emulator/ to the view', async () => {
    for (const path of ['/', '/_emulator', '/_emulator/']) {
      const res = await page(path);
      expect(res.status, path).to.equal(302);
      expect(res.headers.get('location'), path).to.equal('/_emulator/view');
    }
  });

  it('serves each asset with its type, and the catalogue as a module', async () => {
    const css = await page('/_emulator/view/assets/base.css');
    expect(css.headers.get('content-type')).to.match(/^text\/css/);
    const app = await page('/_emulator/view/assets/app.js');
    expect(app.headers.get('content-type')).to.match(/^text\/javascript/);
    expect(app.headers.get('content-security-policy')).to.equal(VIEW_CSP);
    const messages = await (await page('/_emulator/view/assets/messages.js')).text();
    const catalogue = JSON.parse(messages.replace(/^export default /, '').replace(/;\n$/, ''));
    expect(catalogue.ja['app.title']).to.equal('Discord ビュー');
  });

  it('serves nothing outside the assets folder', async () => {
    for (const path of [
      '/_emulator/view/assets/nope.js',
      '/_emulator/view/assets/..%2Fpage.ts',
      '/_emulator/view/assets/%2e%2e%2findex.ts',
    ])
      expect((await page(path)).status, path).to.equal(404);
  });

  it('answers this machine only: another Host is refused', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      get(`${w.emu.baseUrl}/_emulator/view`, { headers: { Host: 'evil.example:80' } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      }).on('error', reject);
    });
    expect(status).to.equal(403);
  });

  it('serves every file the page links and every module its scripts import', async () => {
    const html = await (await page('/_emulator/view')).text();
    const linked = [...html.matchAll(/(?:href|src)="(\/_emulator\/view\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(linked.length).to.be.above(4);
    for (const path of linked) expect((await page(path)).status, path).to.equal(200);
    for (const file of scripts) {
      const source = readFileSync(new URL(file, ASSETS), 'utf8');
      for (const [, target] of source.matchAll(/from '\.\/([\w-]+\.js)'/g))
        expect((await page(`/_emulator/view/assets/${target}`)).status, `${file} → ${target}`).to.equal(200);
    }
  });

  it('never puts data into the DOM as markup in its client code', () => {
    for (const file of scripts) {
      const source = readFileSync(new URL(file, ASSETS), 'utf8');
      expect(source, file).to.not.match(
        /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/,
      );
      expect(source, file).to.not.match(/setAttribute\(\s*['"](style|on\w+)['"]/);
    }
  });
});
