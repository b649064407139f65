/**
 * The Discord view's HTML shell and the headers every view response carries. The page holds no
 * inline script or style: the strict CSP below would refuse them, and everything the page shows
 * comes from the control API and is put in the DOM as text.
 */

import { VIEW_MESSAGES } from './catalogue.js';

/** The view's Content-Security-Policy: only this server's own files and data: images. */
export const VIEW_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Headers of the page and its assets: the CSP, no sniffing, no framing, no referrer. */
export const VIEW_HEADERS: Record<string, string> = {
  'Content-Security-Policy': VIEW_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export const VIEW_PATH = '/_emulator/view';
export const ASSET_PATH = `${VIEW_PATH}/assets`;
/** The stylesheets, in cascade order. */
const STYLESHEETS = ['base.css', 'sidebar.css', 'messages.css', 'controls.css'];

/** The page: a shell the client script (an ES module) fills in. */
export function viewPage(): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${VIEW_MESSAGES.ja['app.title']} · Tsunagu</title>
<link rel="icon" href="${ASSET_PATH}/favicon.svg" type="image/svg+xml">
${STYLESHEETS.map((name) => `<link rel="stylesheet" href="${ASSET_PATH}/${name}">`).join('\n')}
<script type="module" src="${ASSET_PATH}/app.js"></script>
</head>
<body>
<div id="app" class="app" aria-busy="true"></div>
<noscript><p>${VIEW_MESSAGES.ja['app.noScript']}</p><p lang="en">${VIEW_MESSAGES.en['app.noScript']}</p></noscript>
</body>
</html>
`;
}
