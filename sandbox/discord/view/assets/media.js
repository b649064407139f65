/* global location, URL */
/**
 * Images and files from messages. The page loads nothing from elsewhere: an image is shown only
 * when it is served by this emulator (its attachments); any other URL becomes a placeholder
 * naming it. The emulator's own absolute URLs (http://127.0.0.1:PORT/…) become paths, so they
 * are same-origin whichever host name the page was opened with.
 */
import { externalLink, h } from './dom.js';
import { t } from './i18n.js';

let emulatorOrigin = '';

/** @param {string} baseUrl the emulator's base URL, e.g. http://127.0.0.1:8790 */
export function setEmulatorOrigin(baseUrl) {
  try {
    emulatorOrigin = new URL(baseUrl).origin;
  } catch {
    emulatorOrigin = '';
  }
}

/**
 * The same-origin path for a URL this server serves, else null.
 * @param {string | undefined} url
 */
export function sameOriginPath(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url, location.href);
    if (parsed.origin !== location.origin && parsed.origin !== emulatorOrigin) return null;
    return parsed.pathname + parsed.search;
  } catch {
    return null;
  }
}

/**
 * An image if it is ours, else a placeholder that says what was not loaded.
 * @param {string | undefined} url
 * @param {string} cls
 * @param {string} [alt]
 */
export function image(url, cls, alt = '') {
  const path = sameOriginPath(url);
  if (path) return h('img', { class: cls, src: path, alt, loading: 'lazy' });
  return h('span', {
    class: `${cls} image-placeholder`,
    role: 'img',
    'aria-label': t('media.external'),
    title: url ?? '',
    text: t('media.external'),
  });
}

/**
 * An attachment by name (and size), a link when this server serves it.
 * @param {{ filename: string, size?: number, url?: string }} file
 */
export function attachment(file) {
  const size = typeof file.size === 'number' ? ` · ${formatSize(file.size)}` : '';
  const label = [
    h('span', { class: 'attachment-icon', 'aria-hidden': 'true', text: '📎' }),
    file.filename,
    size,
  ];
  const path = sameOriginPath(file.url);
  return h(
    'div',
    { class: 'attachment' },
    path
      ? h('a', { href: path, download: file.filename }, label)
      : file.url
        ? externalLink(file.url, label)
        : label,
  );
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
