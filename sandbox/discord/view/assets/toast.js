/* global document, setTimeout */
/** Short notices at the bottom of the page (a failed interaction, an error from the emulator). */
import { h } from './dom.js';

/**
 * @param {string} message
 * @param {'error' | 'info'} [kind]
 */
export function toast(message, kind = 'error') {
  let box = document.querySelector('.toasts');
  if (!box)
    document.body.append((box = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' })));
  const item = h('div', { class: `toast toast-${kind}`, dataset: { testid: 'toast' }, text: message });
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}
