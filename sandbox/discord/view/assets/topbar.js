/**
 * The bar above everything: whom the view acts as (any person the emulator knows), a new person
 * who joins through an invite, and the language of the view's own words.
 */
import { h } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { openPersonDialog } from './person-dialog.js';
import { view } from './state.js';

/** @param {{ actAs: (id: string) => void, created: (id: string) => void }} nav */
export function topBar(nav) {
  const people = view.users.filter((u) => !u.bot);
  const inGuild = (u) => view.place === 'guild' && view.guildId && u.guildIds.includes(view.guildId);
  const option = (u) => h('option', { value: u.id, text: `${u.displayName} (@${u.username})` });
  const picker = h(
    'select',
    {
      id: 'actor-picker',
      class: 'actor-picker',
      dataset: { testid: 'actor-picker' },
      onchange: (e) => nav.actAs(e.currentTarget.value),
    },
    h('option', { value: '', text: t('actor.pick') }),
    h('optgroup', { label: t('actor.members') }, people.filter(inGuild).map(option)),
    h('optgroup', { label: t('actor.others') }, people.filter((u) => !inGuild(u)).map(option)),
  );
  picker.value = view.actorId ?? '';
  const langButton = (code, label) =>
    h('button', {
      type: 'button',
      class: `lang${lang() === code ? ' active' : ''}`,
      'aria-pressed': String(lang() === code),
      text: label,
      onclick: () => setLang(code),
    });
  return h(
    'header',
    { class: 'topbar' },
    h('span', { class: 'brand', text: t('app.title') }),
    h('label', { class: 'actor', for: 'actor-picker' }, t('actor.label')),
    picker,
    view.place === 'guild' && view.guild
      ? h('button', {
          type: 'button',
          class: 'button button-success small',
          dataset: { testid: 'new-person' },
          text: t('person.new'),
          onclick: () => openPersonDialog(nav.created),
        })
      : null,
    h(
      'div',
      { class: 'langs', role: 'group', 'aria-label': t('lang.label') },
      langButton('ja', '日本語'),
      langButton('en', 'English'),
    ),
  );
}
