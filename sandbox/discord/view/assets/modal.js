/* global document */
/**
 * A bot's modal, as the Discord client shows it: its title, text inputs (short or paragraph, with
 * the label, description, placeholder and pre-filled value the bot gave) and text displays. The
 * form enforces what the client would: required fields and each input's min/max length.
 */
import { h } from './dom.js';
import { t } from './i18n.js';
import { markdown } from './markdown.js';

/**
 * The text inputs of a modal with their labels, in order.
 * @param {any[]} components
 */
export function modalFields(components) {
  const out = [];
  for (const c of components ?? []) {
    if (c.type === 18) out.push({ label: c.label, description: c.description, input: c.component });
    else if (c.type === 1) for (const input of c.components ?? []) out.push({ label: input.label, input });
    else out.push({ other: c });
  }
  return out;
}

/**
 * What is wrong with one value, if anything (Discord: required unless `required: false`).
 * @param {any} input a text input component
 * @param {string} value
 */
export function lengthProblem(input, value) {
  const required = input.required !== false;
  const min = input.min_length ?? 0;
  const max = input.max_length ?? 4000;
  if (!value) return required ? t('modal.required') : null;
  if (value.length < min) return t('modal.tooShort', { min });
  if (value.length > max) return t('modal.tooLong', { max });
  return null;
}

function textInput(field, id) {
  const input = field.input;
  const props = {
    id,
    name: input.custom_id,
    class: 'modal-input',
    required: input.required !== false,
    placeholder: input.placeholder ?? '',
    // The maximum stops typing; the minimum is checked on submit (lengthProblem), in the view's words.
    maxlength: String(input.max_length ?? 4000),
    dataset: { customId: input.custom_id },
  };
  const el =
    input.style === 2 ? h('textarea', { ...props, rows: '4' }) : h('input', { ...props, type: 'text' });
  el.value = input.value ?? '';
  const counter = h('span', { class: 'modal-counter', 'aria-live': 'polite' });
  const count = () => (counter.textContent = `${el.value.length} / ${input.max_length ?? 4000}`);
  el.addEventListener('input', () => {
    el.setCustomValidity('');
    count();
  });
  count();
  return { el, counter };
}

/**
 * Opens the modal; `onSubmit(fields)` sends it and resolves when the emulator took it (the
 * dialog then closes) or rejects with the reason shown in the dialog.
 * @param {any} modal the modal the bot sent (custom_id, title, components)
 * @param {(fields: Record<string, string>) => Promise<void>} onSubmit
 */
export function openModal(modal, onSubmit) {
  const inputs = [];
  const error = h('p', { class: 'modal-error', role: 'alert' });
  let unsupported = false;
  const rows = modalFields(modal.components).map((field, i) => {
    if (field.other) {
      if (field.other.type === 10)
        return h('div', { class: 'modal-text' }, markdown(field.other.content ?? ''));
      unsupported = true;
      return h('p', { class: 'unsupported', text: t('modal.unsupported', { type: field.other.type }) });
    }
    if (field.input?.type !== 4) {
      unsupported = true;
      return h('p', { class: 'unsupported', text: t('modal.unsupported', { type: field.input?.type }) });
    }
    const id = `modal-field-${i}`;
    const { el, counter } = textInput(field, id);
    inputs.push({ el, input: field.input });
    return h(
      'div',
      { class: 'modal-field' },
      h(
        'label',
        { for: id, class: 'modal-label' },
        field.label ?? field.input.custom_id,
        field.input.required !== false &&
          h('span', { class: 'required-mark', 'aria-hidden': 'true', text: ' *' }),
      ),
      field.description && h('p', { class: 'modal-description', text: field.description }),
      el,
      counter,
    );
  });
  const submit = h('button', {
    type: 'submit',
    class: 'button button-primary',
    disabled: unsupported,
    text: t('modal.submit'),
  });
  const cancel = h('button', {
    type: 'button',
    class: 'button button-secondary',
    text: t('modal.cancel'),
    onclick: () => close(),
  });
  const form = h(
    'form',
    { class: 'modal-form', method: 'dialog', novalidate: true },
    h('h2', { class: 'modal-title', text: modal.title ?? '' }),
    rows,
    error,
    h('div', { class: 'modal-actions' }, cancel, submit),
  );
  const dialog = h(
    'dialog',
    { class: 'modal', 'aria-label': modal.title ?? '', dataset: { testid: 'modal' } },
    form,
  );
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const { el, input } of inputs) el.setCustomValidity(lengthProblem(input, el.value) ?? '');
    if (!form.reportValidity()) return;
    submit.disabled = true;
    error.textContent = '';
    try {
      await onSubmit(Object.fromEntries(inputs.map(({ el, input }) => [input.custom_id, el.value])));
      close();
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      submit.disabled = false;
    }
  });
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  inputs[0]?.el.focus();
  return close;
}
