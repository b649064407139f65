/* global document */
/**
 * Discord's message markdown, rendered as DOM nodes (never HTML strings): bold, italics,
 * underline, strike-through, spoilers, inline code and code blocks, quotes, headings, sub-text,
 * lists, masked links and bare URLs, user/role/channel mentions shown by name, slash-command
 * mentions, custom emoji, and `<t:unix:style>` timestamps in the viewer's zone.
 */
import { externalLink, h, hexColor, paint } from './dom.js';
import { t } from './i18n.js';
import { formatTimestamp } from './time.js';

/**
 * How mentions are resolved to names. All optional.
 * @typedef {{ user?: (id: string) => string | null, role?: (id: string) => { name: string, color?: number } | null,
 *   channel?: (id: string) => string | null, openChannel?: (id: string) => void }} Resolver
 */

const wrap = (tag, cls) => (m, ctx) => h(tag, cls ? { class: cls } : {}, inline(m[1], ctx));

/** Inline rules, tried in order at each position; each is a sticky regex and a renderer. */
const RULES = [
  [/\\([^\sA-Za-z0-9])/y, (m) => m[1]],
  [/(`{1,2})(?!`)([\s\S]*?[^`])\1(?!`)/y, (m) => h('code', { class: 'md-code', text: m[2] })],
  [/<@!?(\d+)>/y, (m, ctx) => userMention(m[1], ctx)],
  [/<@&(\d+)>/y, (m, ctx) => roleMention(m[1], ctx)],
  [/<#(\d+)>/y, (m, ctx) => channelMention(m[1], ctx)],
  [/<t:(-?\d{1,13})(?::([tTdDfFR]))?>/y, (m) => timestamp(Number(m[1]), m[2])],
  [/<\/([-_\p{L}\p{N} ]{1,100}):(\d+)>/uy, (m) => h('span', { class: 'mention', text: `/${m[1]}` })],
  [/<a?:(\w{2,32}):(\d+)>/y, (m) => h('span', { class: 'emoji', title: `:${m[1]}:`, text: `:${m[1]}:` })],
  [/@(everyone|here)\b/y, (m) => h('span', { class: 'mention', text: `@${m[1]}` })],
  [/\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/y, (m, ctx) => externalLink(m[2], inline(m[1], ctx))],
  [/<?(https?:\/\/[^\s<>]*[^\s<>.,:;"')\]])>?/y, (m) => externalLink(m[1], m[1])],
  [/\*\*([\s\S]+?)\*\*(?!\*)/y, wrap('strong')],
  [/__([\s\S]+?)__(?!_)/y, wrap('u')],
  [/~~([\s\S]+?)~~/y, wrap('s')],
  [/\|\|([\s\S]+?)\|\|/y, (m, ctx) => spoiler(m[1], ctx)],
  [/\*(?![\s*])([\s\S]*?[^\s\\])\*(?!\*)/y, wrap('em')],
  [/_(?![\s_])([\s\S]*?[^\s\\])_(?![\p{L}\p{N}_])/uy, wrap('em')],
];
const TRIGGERS = new Set(['\\', '`', '<', '@', '[', 'h', '*', '_', '~', '|']);

/**
 * Inline markdown as a fragment.
 * @param {string} text
 * @param {Resolver} [ctx]
 * @returns {DocumentFragment}
 */
export function inline(text, ctx = {}) {
  const out = document.createDocumentFragment();
  let plain = '';
  let i = 0;
  const flush = () => {
    if (plain) out.append(plain);
    plain = '';
  };
  outer: while (i < text.length) {
    const c = text[i];
    // Underscore italics only start at a word boundary ("snake_case" stays as it is).
    if (TRIGGERS.has(c) && !(c === '_' && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]))) {
      for (const [re, render] of RULES) {
        re.lastIndex = i;
        const m = re.exec(text);
        if (!m) continue;
        flush();
        const node = render(m, ctx);
        out.append(node);
        i += m[0].length;
        continue outer;
      }
    }
    plain += c;
    i += 1;
  }
  flush();
  return out;
}

/**
 * A whole message body: code blocks, then per line quotes, headings, sub-text, lists, text.
 * @param {string} text
 * @param {Resolver} [ctx]
 */
export function markdown(text, ctx = {}) {
  const out = document.createDocumentFragment();
  const fence = /```(?:([\w+#.-]{1,30})\n)?([\s\S]*?)```/g;
  let last = 0;
  for (const m of text.matchAll(fence)) {
    blocks(text.slice(last, m.index), ctx, out);
    out.append(h('pre', { class: 'md-pre' }, h('code', { text: m[2].replace(/^\n|\n$/g, '') })));
    last = m.index + m[0].length;
  }
  blocks(text.slice(last), ctx, out);
  return out;
}

function blocks(text, ctx, out) {
  if (!text.trim()) return;
  const lines = text.replace(/^\n+|\n+$/g, '').split('\n');
  let list = null;
  let quote = null;
  let para = null;
  const end = () => (list = quote = para = null);
  lines.forEach((line, index) => {
    if (line.startsWith('>>> ')) {
      const rest = [line.slice(4), ...lines.slice(index + 1)].join('\n');
      out.append(h('blockquote', { class: 'md-quote' }, markdown(rest, ctx)));
      lines.length = index + 1;
      return end();
    }
    const q = /^> ?(.*)$/.exec(line);
    if (q) {
      if (!quote) out.append((quote = h('blockquote', { class: 'md-quote' })));
      else quote.append(h('br'));
      quote.append(inline(q[1], ctx));
      list = para = null;
      return;
    }
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    if (heading) {
      out.append(h(`h${heading[1].length + 2}`, { class: 'md-heading' }, inline(heading[2], ctx)));
      return end();
    }
    const sub = /^-# (.+)$/.exec(line);
    if (sub) {
      out.append(h('small', { class: 'md-subtext' }, inline(sub[1], ctx)));
      return end();
    }
    const item = /^\s*(?:[-*]|(\d{1,3})\.) (.+)$/.exec(line);
    if (item) {
      const tag = item[1] ? 'ol' : 'ul';
      if (!list || list.tagName.toLowerCase() !== tag) out.append((list = h(tag, { class: 'md-list' })));
      list.append(h('li', {}, inline(item[2], ctx)));
      quote = para = null;
      return;
    }
    if (!para) out.append((para = h('div', { class: 'md-line' })));
    else para.append(h('br'));
    para.append(inline(line, ctx));
    list = quote = null;
  });
}

function userMention(id, ctx) {
  const name = ctx.user?.(id);
  return h('span', { class: 'mention', title: id, text: `@${name ?? t('mention.unknownUser')}` });
}

function roleMention(id, ctx) {
  const role = ctx.role?.(id);
  const el = h('span', {
    class: 'mention role-mention',
    title: id,
    text: `@${role?.name ?? t('mention.unknownRole')}`,
  });
  return paint(el, '--role-color', hexColor(role?.color));
}

function channelMention(id, ctx) {
  const name = ctx.channel?.(id);
  const label = `#${name ?? t('mention.unknownChannel')}`;
  if (!name || !ctx.openChannel) return h('span', { class: 'mention', title: id, text: label });
  return h('button', {
    type: 'button',
    class: 'mention link-like',
    title: id,
    text: label,
    onclick: () => ctx.openChannel(id),
  });
}

function timestamp(seconds, style) {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return `<t:${seconds}>`;
  return h('time', {
    class: 'md-timestamp',
    datetime: date.toISOString(),
    title: formatTimestamp(date, 'F'),
    text: formatTimestamp(date, style ?? 'f'),
  });
}

function spoiler(text, ctx) {
  const el = h(
    'span',
    { class: 'spoiler', tabindex: '0', role: 'button', title: t('message.spoiler') },
    inline(text, ctx),
  );
  el.addEventListener('click', () => el.classList.add('revealed'));
  return el;
}
