/* global document, Node, URL */
/**
 * Building the DOM without HTML strings: every piece of data becomes text (textContent) or a
 * property, so nothing a bot or a person wrote can turn into markup or script. Event handlers are
 * listeners, never attributes, and no element gets a style attribute (the CSP forbids both).
 */

const FORBIDDEN = new Set(['style', 'innerHTML', 'outerHTML', 'srcdoc']);

/**
 * Creates an element. `props`: `class`, `text` (textContent), `on<event>` (listeners), `dataset`,
 * properties such as `disabled`/`value`, other keys as attributes. Children: nodes, strings
 * (as text), arrays, null/false (skipped).
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...unknown} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (FORBIDDEN.has(key) || /^on/i.test(key) !== (typeof value === 'function'))
      throw new Error(`h(): ${key} is not allowed here`);
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' || (typeof value === 'boolean' && key in el)) el[key] = value;
    else if (typeof value === 'boolean') el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/**
 * Appends children (nodes, text, nested arrays; null/false skipped).
 * @param {Node} parent
 * @param {unknown[]} children
 */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces every child of `el`.
 * @param {Element} el
 * @param {...unknown} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Only http(s) links are followed; anything else (javascript:, data:) is not a link at all.
 * @param {string} url
 * @returns {string | null}
 */
export function safeHref(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A link that opens in a new tab, without handing this page to the target.
 * @param {string} url
 * @param {...unknown} children
 */
export function externalLink(url, ...children) {
  const href = safeHref(url);
  if (!href) return h('span', {}, ...children);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', title: href }, ...children);
}

/**
 * `#rrggbb` for a Discord colour integer (0 = none → null).
 * @param {number | null | undefined} color
 */
export function hexColor(color) {
  return color ? `#${color.toString(16).padStart(6, '0')}` : null;
}

/**
 * Colours an element through the CSSOM (allowed by the CSP, unlike a style attribute).
 * @param {HTMLElement} el
 * @param {string} property e.g. 'color' or '--accent'
 * @param {string | null} value
 */
export function paint(el, property, value) {
  if (value) el.style.setProperty(property, value);
  return el;
}

/**
 * A person's initials on a coloured disc (no avatar images: nothing is loaded from elsewhere).
 * @param {{ id: string, name: string }} person
 */
export function avatar(person, size = 'md') {
  const initial = [...(person.name || '?').trim()][0] ?? '?';
  const hue = [...String(person.id)].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 8;
  return h('span', { class: `avatar avatar-${size} av-${hue}`, 'aria-hidden': 'true', text: initial });
}
