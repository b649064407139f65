/**
 * Embeds as Discord draws them: the colour bar, author, title (a link when it has a URL),
 * description, fields (inline ones three to a row), image, thumbnail, footer and timestamp.
 */
import { externalLink, h, hexColor, paint } from './dom.js';
import { inline, markdown } from './markdown.js';
import { image } from './media.js';
import { formatTimestamp } from './time.js';

/**
 * @param {Record<string, any>} embed an APIEmbed
 * @param {import('./markdown.js').Resolver} ctx
 */
export function renderEmbed(embed, ctx) {
  const body = h('div', { class: 'embed-body' });
  if (embed.author?.name) {
    const name = embed.author.url ? externalLink(embed.author.url, embed.author.name) : embed.author.name;
    body.append(
      h(
        'div',
        { class: 'embed-author' },
        embed.author.icon_url && image(embed.author.icon_url, 'embed-author-icon'),
        name,
      ),
    );
  }
  if (embed.title) {
    const title = inline(embed.title, ctx);
    body.append(h('div', { class: 'embed-title' }, embed.url ? externalLink(embed.url, title) : title));
  }
  if (embed.description)
    body.append(h('div', { class: 'embed-description' }, markdown(embed.description, ctx)));
  if (embed.fields?.length) body.append(fields(embed.fields, ctx));
  if (embed.image?.url) body.append(image(embed.image.url, 'embed-image'));
  const footer = footerOf(embed);
  if (footer) body.append(footer);
  const el = h(
    'div',
    { class: 'embed', dataset: { testid: 'embed' } },
    body,
    embed.thumbnail?.url && image(embed.thumbnail.url, 'embed-thumbnail'),
  );
  return paint(el, '--embed-color', hexColor(embed.color));
}

/** Inline fields share a row, up to three; a field that is not inline takes a row of its own. */
function fields(list, ctx) {
  const grid = h('div', { class: 'embed-fields' });
  let run = [];
  const flush = () => {
    for (let i = 0; i < run.length; i += 3) {
      const row = run.slice(i, i + 3);
      for (const field of row) grid.append(field(row.length));
    }
    run = [];
  };
  const cell = (f) => (perRow) =>
    h(
      'div',
      { class: `embed-field span-${12 / perRow}${f.inline ? ' inline' : ''}` },
      h('div', { class: 'embed-field-name' }, inline(f.name ?? '', ctx)),
      h('div', { class: 'embed-field-value' }, markdown(f.value ?? '', ctx)),
    );
  for (const f of list) {
    if (f.inline) run.push(cell(f));
    else {
      flush();
      grid.append(cell(f)(1));
    }
  }
  flush();
  return grid;
}

function footerOf(embed) {
  const parts = [];
  if (embed.footer?.text) parts.push(embed.footer.text);
  if (embed.timestamp) parts.push(formatTimestamp(new Date(embed.timestamp), 'f'));
  if (!parts.length) return null;
  return h(
    'div',
    { class: 'embed-footer' },
    embed.footer?.icon_url && image(embed.footer.icon_url, 'embed-footer-icon'),
    parts.join(' • '),
  );
}
