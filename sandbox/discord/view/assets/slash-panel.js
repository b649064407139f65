/**
 * The slash-command picker above the message box: the commands (filtered as you type), then the
 * chosen command's options and "send", which runs it as the acting member. A refusal (a missing
 * option, a command the person cannot use) is shown in the panel.
 */
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { optionField } from './slash-options.js';
import { optionValues, slashEntries } from './slash-commands.js';

/**
 * @param {{ commands: any[], inGuild: boolean, filter?: string,
 *   choices: import('./components.js').ComponentContext['choices'],
 *   onRun: (path: string, options: Record<string, unknown>) => Promise<void>,
 *   onSuggest: (path: string, option: string, typed: string, options: Record<string, unknown>) => Promise<any[]>,
 *   onClose: () => void }} input
 */
export function slashPanel(input) {
  const panel = h('section', {
    class: 'slash-panel',
    'aria-label': t('slash.title'),
    dataset: { testid: 'slash-panel' },
  });
  const entries = slashEntries(input.commands, input.inGuild);
  const iconButton = (label, text, onclick) =>
    h('button', { type: 'button', class: 'icon-button', 'aria-label': label, text, onclick });
  const header = (title, back) =>
    h(
      'div',
      { class: 'slash-header' },
      back && iconButton(t('slash.back'), '←', back),
      h('h2', { text: title }),
      iconButton(t('common.close'), '×', input.onClose),
    );

  const items = (text) => {
    const needle = text.trim().toLowerCase();
    const matching = entries.filter(
      (e) => !needle || e.label.toLowerCase().includes(needle) || e.path.includes(needle),
    );
    if (!matching.length) return h('li', { class: 'empty', text: t('slash.none') });
    return matching.map((e) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'slash-item', onclick: () => showForm(e) },
          h('span', { class: 'slash-name', text: e.label }),
          h('span', { class: 'slash-description', text: e.description }),
        ),
      ),
    );
  };

  const showList = (filter = '') => {
    const list = h('ul', { class: 'slash-list' }, items(filter));
    const search = h('input', {
      type: 'search',
      class: 'slash-search',
      placeholder: t('slash.search'),
      'aria-label': t('slash.search'),
      value: filter,
    });
    search.addEventListener('input', () => replace(list, items(search.value)));
    replace(panel, header(t('slash.title')), search, list);
    search.focus();
  };

  const showForm = (entry) => {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const rawValues = () => Object.fromEntries(fields.map((f) => [f.name, f.value()]));
    // The others filled so far go with what is typed, as the client sends them.
    const suggest = (name) => (typed) => {
      const { [name]: _typed, ...others } = rawValues();
      return input.onSuggest(entry.path, name, typed, optionValues(entry.options, others));
    };
    const fields = entry.options.map((o) => optionField(o, input.choices, suggest(o.name)));
    const send = h('button', { type: 'submit', class: 'button button-primary', text: t('slash.run') });
    const form = h(
      'form',
      { class: 'slash-form' },
      fields.map((f) => f.row),
      error,
      h('div', { class: 'form-actions' }, send),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const raw = rawValues();
      send.disabled = true;
      try {
        await input.onRun(entry.path, optionValues(entry.options, raw));
        input.onClose();
      } catch (e) {
        error.textContent = e instanceof Error ? e.message : String(e);
        send.disabled = false;
      }
    });
    replace(
      panel,
      header(entry.label, () => showList()),
      h('p', { class: 'slash-description', text: entry.description }),
      form,
    );
    (fields[0]?.control ?? send).focus();
  };

  showList(input.filter ?? '');
  return panel;
}
