/**
 * Select menus as Discord draws them: a string select with the bot's options, or a user / role /
 * mentionable / channel select filled from the guild (channel types respected, defaults chosen).
 * One value is sent as soon as it is picked; several after "done", within min..max.
 */
import { h } from './dom.js';
import { t } from './i18n.js';

/** The options of a select: its own (string select) or the guild's members, roles, channels. */
function optionsOf(c, ctx) {
  const defaults = new Set((c.default_values ?? []).map((d) => d.id));
  const { members, roles, channels } = ctx.choices;
  const people = () =>
    members.map((m) => ({ value: m.id, label: `@${m.name}`, default: defaults.has(m.id) }));
  const roleList = () =>
    roles.map((r) => ({ value: r.id, label: `@${r.name}`, default: defaults.has(r.id) }));
  switch (c.type) {
    case 3:
      return c.options ?? [];
    case 5:
      return people();
    case 6:
      return roleList();
    case 7:
      return [...people(), ...roleList()];
    default:
      return channels
        .filter((ch) => !c.channel_types?.length || c.channel_types.includes(ch.type))
        .map((ch) => ({ value: ch.id, label: `#${ch.name}`, default: defaults.has(ch.id) }));
  }
}

/**
 * @param {any} c the select component
 * @param {import('./components.js').ComponentContext} ctx
 */
export function select(c, ctx) {
  const min = c.min_values ?? 1;
  const max = c.max_values ?? 1;
  const multiple = max > 1;
  const el = h('select', {
    class: 'select-menu',
    multiple,
    disabled: Boolean(c.disabled) || !ctx.canAct,
    'aria-label': c.placeholder || t('component.selectPlaceholder'),
    dataset: { customId: c.custom_id ?? '' },
  });
  if (!multiple)
    el.append(
      h('option', {
        value: '',
        disabled: true,
        selected: true,
        text: c.placeholder || t('component.selectPlaceholder'),
      }),
    );
  for (const o of optionsOf(c, ctx)) {
    const label = [o.emoji?.name, o.label].filter(Boolean).join(' ');
    el.append(
      h('option', {
        value: o.value,
        selected: Boolean(o.default),
        title: o.description ?? '',
        text: o.description ? `${label} — ${o.description}` : label,
      }),
    );
  }
  const chosen = () => [...el.selectedOptions].map((o) => o.value).filter(Boolean);
  if (!multiple) {
    el.addEventListener('change', async () => {
      el.disabled = true;
      await ctx.onSelect(c, chosen());
      el.disabled = false;
      el.value = '';
    });
    return h('div', { class: 'select-wrap' }, el);
  }
  const hint = h('span', { class: 'select-hint', text: t('component.selectRange', { min, max }) });
  const ok = h('button', {
    type: 'button',
    class: 'button button-primary select-submit',
    disabled: Boolean(c.disabled) || !ctx.canAct,
    text: t('component.selectSubmit'),
    onclick: () => {
      const values = chosen();
      if (values.length < min || values.length > max) {
        hint.classList.add('invalid');
        return;
      }
      ok.disabled = el.disabled = true;
      void Promise.resolve(ctx.onSelect(c, values)).then(() => (ok.disabled = el.disabled = false));
    },
  });
  if (c.placeholder) el.title = c.placeholder;
  return h(
    'div',
    { class: 'select-wrap multiple' },
    c.placeholder && h('div', { class: 'select-placeholder', text: c.placeholder }),
    el,
    h('div', { class: 'select-actions' }, hint, ok),
  );
}
