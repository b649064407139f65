/* global document */
// Progressive enhancement only: every form works without this file.
// Loaded from our own origin because the Content-Security-Policy forbids inline scripts.
document.addEventListener('DOMContentLoaded', () => {
  for (const select of document.querySelectorAll('select[data-autosubmit]')) {
    const form = select.form;
    if (!form) continue;
    const button = form.querySelector('button[type="submit"]');
    if (button) button.hidden = true;
    select.addEventListener('change', () => form.requestSubmit());
  }
});
