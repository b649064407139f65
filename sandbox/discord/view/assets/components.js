/**
 * Message components as Discord draws them: rows of buttons (five styles, link and disabled
 * buttons), string / user / role / mentionable / channel select menus, and the layout components
 * (section, text display, thumbnail, gallery, file, separator, container). Pressing or picking
 * calls back into the view, which acts through the control API as the chosen member.
 */
import { externalLink, h, hexColor, paint } from './dom.js';
import { t } from './i18n.js';
import { markdown } from './markdown.js';
import { attachment, image } from './media.js';
import { select } from './select-menu.js';

const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link', 6: 'premium' };

/**
 * What rendering components needs from the view.
 * @typedef {{ resolve: import('./markdown.js').Resolver, canAct: boolean,
 *   choices: { members: {id:string,name:string}[], roles: {id:string,name:string}[], channels: {id:string,name:string,type:number}[] },
 *   onButton: (component: any) => Promise<unknown>, onSelect: (component: any, values: string[]) => Promise<unknown> }} ComponentContext
 */

/**
 * @param {any[]} list top-level components of a message
 * @param {ComponentContext} ctx
 */
export function renderComponents(list, ctx) {
  return h(
    'div',
    { class: 'components' },
    list.map((c) => component(c, ctx)),
  );
}

function component(c, ctx) {
  switch (c.type) {
    case 1:
      return h(
        'div',
        { class: 'action-row' },
        (c.components ?? []).map((x) => component(x, ctx)),
      );
    case 2:
      return button(c, ctx);
    case 3:
    case 5:
    case 6:
    case 7:
    case 8:
      return select(c, ctx);
    case 9:
      return h(
        'div',
        { class: 'section' },
        h(
          'div',
          { class: 'section-text' },
          (c.components ?? []).map((x) => component(x, ctx)),
        ),
        c.accessory && h('div', { class: 'section-accessory' }, component(c.accessory, ctx)),
      );
    case 10:
      return h('div', { class: 'text-display' }, markdown(c.content ?? '', ctx.resolve));
    case 11:
      return image(c.media?.url, 'thumbnail', c.description ?? '');
    case 12:
      return h(
        'div',
        { class: 'gallery' },
        (c.items ?? []).map((item) => image(item.media?.url, 'gallery-item', item.description ?? '')),
      );
    case 13:
      return attachment({ filename: c.file?.url?.split('/').pop() ?? 'file', url: c.file?.url });
    case 14:
      return h('hr', { class: c.divider === false ? 'separator invisible' : 'separator' });
    case 17:
      return paint(
        h(
          'div',
          { class: 'container' },
          (c.components ?? []).map((x) => component(x, ctx)),
        ),
        '--accent',
        hexColor(c.accent_color),
      );
    default:
      return h('div', { class: 'unsupported', text: t('component.unsupported', { type: c.type }) });
  }
}

function button(c, ctx) {
  const style = BUTTON_STYLES[c.style] ?? 'secondary';
  const label = [
    c.emoji?.name &&
      h('span', { class: 'button-emoji', text: c.emoji.id ? `:${c.emoji.name}:` : c.emoji.name }),
    c.label,
  ];
  if (c.style === 5) {
    const link = externalLink(
      c.url ?? '',
      label,
      h('span', { class: 'link-arrow', 'aria-hidden': 'true', text: '↗' }),
    );
    link.classList.add('button', 'button-link');
    if (c.disabled) link.setAttribute('aria-disabled', 'true');
    return link;
  }
  return h(
    'button',
    {
      type: 'button',
      class: `button button-${style}`,
      disabled: Boolean(c.disabled) || !ctx.canAct || c.style === 6,
      dataset: { customId: c.custom_id ?? '' },
      // Busy until the bot's first answer, then usable again (as in Discord, unless the bot changed it).
      onclick: async (event) => {
        const el = event.currentTarget;
        el.disabled = true;
        await ctx.onButton(c);
        el.disabled = false;
      },
    },
    label,
  );
}
