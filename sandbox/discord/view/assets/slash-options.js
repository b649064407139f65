/**
 * One slash-command option in the picker's form, as the Discord client offers it: choices and
 * booleans as menus; users, roles, mentionables and channels (of the allowed types) from the
 * guild; numbers with their bounds; text with its lengths; a mark on required options; options
 * with autocomplete as a text field listing the bot's suggestions (autocomplete-field.js).
 */
import { autocompleteField } from './autocomplete-field.js';
import { h } from './dom.js';
import { localized, t } from './i18n.js';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const USER = 6;
const CHANNEL = 7;
const ROLE = 8;
const MENTIONABLE = 9;
const NUMBER = 10;
const ATTACHMENT = 11;

/** The menu entries for an option that is picked from a list, or null for a typed one. */
function listFor(o, choices) {
  const people = () => choices.members.map((m) => [m.id, `@${m.name}`]);
  const roles = () => choices.roles.map((r) => [r.id, `@${r.name}`]);
  if (o.choices?.length) return o.choices.map((c) => [c.value, localized(c, 'name')]);
  if (o.type === BOOLEAN)
    return [
      ['true', t('slash.true')],
      ['false', t('slash.false')],
    ];
  if (o.type === USER) return people();
  if (o.type === ROLE) return roles();
  if (o.type === MENTIONABLE) return [...people(), ...roles()];
  if (o.type === CHANNEL)
    return choices.channels
      .filter((c) => !o.channel_types?.length || o.channel_types.includes(c.type))
      .map((c) => [c.id, `#${c.name}`]);
  return null;
}

function controlFor(o, id, choices) {
  const required = Boolean(o.required);
  const base = { id, name: o.name, required, class: 'slash-control' };
  const list = listFor(o, choices);
  if (list)
    return h(
      'select',
      base,
      h('option', { value: '', text: required ? t('slash.pick') : t('slash.optional') }),
      list.map(([value, text]) => h('option', { value: String(value), text })),
    );
  if (o.type === INTEGER || o.type === NUMBER)
    return h('input', {
      ...base,
      type: 'number',
      step: o.type === INTEGER ? '1' : 'any',
      ...(o.min_value !== undefined ? { min: String(o.min_value) } : {}),
      ...(o.max_value !== undefined ? { max: String(o.max_value) } : {}),
    });
  if (o.type === ATTACHMENT)
    return h('input', {
      ...base,
      type: 'text',
      required: false,
      disabled: true,
      placeholder: t('slash.attachmentUnsupported'),
    });
  return h('input', {
    ...base,
    type: 'text',
    ...(o.type === STRING && o.min_length ? { minlength: String(o.min_length) } : {}),
    maxlength: String(o.max_length ?? 6000),
  });
}

/**
 * The label, hint and control of one option; `value()` is what the command gets.
 * @param {any} o the option definition
 * @param {import('./components.js').ComponentContext['choices']} choices
 * @param {(typed: string) => Promise<any[]>} [suggest] asks the bot (autocomplete options)
 */
export function optionField(o, choices, suggest) {
  const id = `slash-option-${o.name}`;
  const completing =
    o.autocomplete && suggest
      ? autocompleteField(
          o,
          { id, name: o.name, required: Boolean(o.required), class: 'slash-control' },
          suggest,
        )
      : null;
  const control = completing?.control ?? controlFor(o, id, choices);
  const row = h(
    'div',
    { class: 'form-row' },
    h(
      'label',
      { for: id, class: 'form-label' },
      localized(o, 'name'),
      o.required && h('span', { class: 'required-mark', title: t('slash.required'), text: ' *' }),
    ),
    h('span', { class: 'form-hint', text: localized(o, 'description') }),
    control,
    completing?.extra,
  );
  return { name: o.name, control, row, value: completing?.value ?? (() => control.value) };
}
