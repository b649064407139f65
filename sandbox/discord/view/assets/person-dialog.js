/* global document */
/**
 * A new person: a Discord user created in the emulator who joins the open guild, through one of
 * its invites if one is chosen (the invite's uses go up, so the bot can tell who brought them).
 */
import { h } from './dom.js';
import { t } from './i18n.js';
import { createPerson, errorText } from './actions.js';
import { inviteLabel } from './chat.js';
import { view } from './state.js';

/** @param {(userId: string) => void} created */
export function openPersonDialog(created) {
  const field = (id, label, control) =>
    h('div', { class: 'form-row' }, h('label', { for: id, class: 'form-label', text: label }), control);
  const username = h('input', {
    id: 'person-username',
    name: 'username',
    required: true,
    pattern: '[a-z0-9_.]{2,32}',
    maxlength: '32',
    autocomplete: 'off',
    title: t('person.usernameHint'),
  });
  const globalName = h('input', {
    id: 'person-name',
    name: 'globalName',
    maxlength: '32',
    autocomplete: 'off',
  });
  const locale = h(
    'select',
    { id: 'person-locale', name: 'locale' },
    h('option', { value: 'ja', text: '日本語 (ja)' }),
    h('option', { value: 'en-US', text: 'English (en-US)' }),
  );
  const invites = view.guild?.invites ?? [];
  const invite = h(
    'select',
    { id: 'person-invite', name: 'invite' },
    h('option', { value: '', text: t('join.noInvite') }),
    invites.map((i) => h('option', { value: i.code, text: inviteLabel(i) })),
  );
  if (invites[0]) invite.value = invites[0].code;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', text: t('person.create') });
  const cancel = h('button', {
    type: 'button',
    class: 'button button-secondary',
    text: t('common.cancel'),
    onclick: () => close(),
  });
  const form = h(
    'form',
    { class: 'modal-form', method: 'dialog' },
    h('h2', { class: 'modal-title', text: t('person.title', { server: view.guild?.name ?? '' }) }),
    field('person-username', t('person.username'), username),
    field('person-name', t('person.displayName'), globalName),
    field('person-locale', t('person.locale'), locale),
    field('person-invite', t('join.invite'), invite),
    error,
    h('div', { class: 'modal-actions' }, cancel, submit),
  );
  const dialog = h('dialog', { class: 'modal', dataset: { testid: 'person-dialog' } }, form);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    submit.disabled = true;
    try {
      const id = await createPerson({
        username: username.value,
        globalName: globalName.value,
        locale: locale.value,
        inviteCode: invite.value,
      });
      close();
      created(id);
    } catch (e) {
      error.textContent = errorText(e);
      submit.disabled = false;
    }
  });
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  username.focus();
}
