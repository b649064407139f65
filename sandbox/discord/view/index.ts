/**
 * The Discord view: the emulator's guilds as a Discord client shows them, at `/_emulator/view`,
 * and the event feed at `/_emulator/events`. The page acts only through the control API (so
 * through the people drivers: the bot gets real gateway events and interactions). Like the
 * control API it answers this machine only.
 */
import { refusal, fromLoopback } from '../control-api.js';
import type { Router, RouteRequest, RouteResponse } from '../router.js';
import { viewAssets } from './assets.js';
import { FEED_HEADERS, feedOf } from './feed.js';
import { ASSET_PATH, VIEW_HEADERS, VIEW_PATH, viewPage } from './page.js';
import { VIEW_MESSAGES, type ViewMessageKey } from './catalogue.js';

export { VIEW_CSP, VIEW_PATH } from './page.js';
export { feedOf, type FeedNotice } from './feed.js';

/** A plain-text answer in both languages (no locale is known before the page's script runs). */
const bilingual = (key: ViewMessageKey): string => `${VIEW_MESSAGES.ja[key]}\n${VIEW_MESSAGES.en[key]}\n`;

/**
 * Pages are opened by typing or following a link, so any site may navigate to them; they only
 * need the loopback check (the CSP forbids framing). The feed is data: our own pages only.
 */
function localOnly(req: RouteRequest): RouteResponse | null {
  return fromLoopback(req)
    ? null
    : { status: 403, text: bilingual('app.loopbackOnly'), contentType: 'text/plain; charset=utf-8' };
}

/** Registers the view's page, its assets and the event feed. */
export function register(router: Router): void {
  const assets = viewAssets();
  router.page('GET', '/', (req) => localOnly(req) ?? { redirect: VIEW_PATH });
  // The control API's root is where a person guesses next (the printed URLs share it): no JSON 404.
  router.page('GET', '/_emulator', (req) => localOnly(req) ?? { redirect: VIEW_PATH });
  router.page('GET', VIEW_PATH, (req) => localOnly(req) ?? { text: viewPage(), headers: VIEW_HEADERS });
  router.page('GET', `${ASSET_PATH}/:file`, (req) => {
    const refused = localOnly(req);
    if (refused) return refused;
    const asset = assets.get(req.params.file!);
    if (!asset)
      return {
        status: 404,
        text: bilingual('app.notFound'),
        contentType: 'text/plain; charset=utf-8',
        headers: VIEW_HEADERS,
      };
    return { raw: asset.data, contentType: asset.contentType, headers: VIEW_HEADERS };
  });
  router.page('GET', '/_emulator/events', (req) => {
    const refused = refusal(req);
    if (refused) return refused;
    return { headers: FEED_HEADERS, stream: (res) => feedOf(req.emu).attach(res) };
  });
}
