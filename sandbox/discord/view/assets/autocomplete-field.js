/* global setTimeout, clearTimeout, MouseEvent */
/**
 * An option registered with `autocomplete: true`, as the Discord client offers it: what the member
 * types is sent to the bot (debounced, one autocomplete interaction per pause), the bot's
 * suggestions are listed under the field, and picking one shows its name while the command gets
 * its value. Only the latest request's answer is shown; silence is "Loading options failed".
 * Text typed without picking is sent as it is: autocomplete options are not confined to the
 * bot's choices (discord-api-docs, application-commands).
 */
import { h, replace } from './dom.js';
import { localized, t } from './i18n.js';

const DEBOUNCE_MS = 250;

/**
 * @param {any} o the option definition
 * @param {Record<string, unknown>} base the control's attributes (id, name, required, class)
 * @param {(typed: string) => Promise<{ name: string, value: string | number, name_localizations?: any }[]>} suggest
 */
export function autocompleteField(o, base, suggest) {
  const listId = `${base.id}-suggestions`;
  const control = h('input', {
    ...base,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    maxlength: String(o.max_length ?? 6000),
  });
  const list = h('ul', { id: listId, class: 'autocomplete-list', role: 'listbox', hidden: true });
  const status = h('p', { class: 'autocomplete-status form-hint', role: 'status' });
  /** @type {{ name: string, value: string | number } | null} */
  let picked = null;
  let asked = 0;
  let timer;

  const close = () => {
    list.hidden = true;
    control.setAttribute('aria-expanded', 'false');
  };
  const pick = (choice) => {
    picked = { name: localized(choice, 'name'), value: choice.value };
    control.value = picked.name;
    close();
    replace(status);
  };
  const show = (choices) => {
    if (!choices.length) {
      close();
      return replace(status, t('slash.suggestionsNone'));
    }
    replace(status);
    replace(
      list,
      choices.map((choice) =>
        h('li', {
          class: 'autocomplete-option',
          role: 'option',
          tabindex: '-1',
          'aria-selected': 'false',
          text: localized(choice, 'name'),
          // mousedown, so the pick lands before the input's blur closes the list
          onmousedown: (event) => {
            event.preventDefault();
            pick(choice);
          },
        }),
      ),
    );
    list.hidden = false;
    control.setAttribute('aria-expanded', 'true');
  };
  const ask = async () => {
    const mine = ++asked;
    replace(status, t('slash.suggestionsLoading'));
    try {
      const choices = await suggest(control.value);
      if (mine === asked) show(choices);
    } catch {
      if (mine !== asked) return;
      close();
      replace(status, t('slash.suggestionsFailed'));
    }
  };
  const later = () => {
    picked = null;
    clearTimeout(timer);
    timer = setTimeout(() => void ask(), DEBOUNCE_MS);
  };
  control.addEventListener('input', later);
  control.addEventListener('focus', () => {
    // Focusing the option asks too, as the client does (with whatever is typed, maybe nothing).
    if (!picked) later();
  });
  control.addEventListener('blur', close);
  control.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
    if (event.key === 'Enter' && !list.hidden && list.firstElementChild) {
      // Enter takes the first suggestion, as the client's highlighted one.
      event.preventDefault();
      list.firstElementChild.dispatchEvent(new MouseEvent('mousedown', { cancelable: true }));
    }
  });
  return {
    control,
    extra: [list, status],
    /** The value the command gets: the picked choice's, else the text as typed. */
    value: () => (picked && control.value === picked.name ? String(picked.value) : control.value),
  };
}
