/* global document, fetch, setTimeout, clearTimeout */
// Live preview of the natural-language time field on the events forms: asks the dashboard's JSON
// route how the guild reads the text (in its time zone) and shows the answer under the field.
// A static file (the CSP forbids inline scripts); without JavaScript the server still checks.
(function () {
  'use strict';
  const DELAY_MS = 300;
  for (const input of document.querySelectorAll('input[data-when-preview]')) {
    const output = input.closest('form')?.querySelector('[data-when-output]');
    if (!output) continue;
    let timer;
    let asked = 0;
    const ask = async () => {
      const text = input.value.trim();
      if (!text) {
        output.textContent = '';
        return;
      }
      const mine = ++asked;
      const url = `${input.dataset.whenPreview}?when=${encodeURIComponent(text)}`;
      try {
        const response = await fetch(url, {
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        const body = await response.json();
        if (mine !== asked) return;
        const lines = [body.message || ''];
        if (Array.isArray(body.suggestions) && body.suggestions.length > 0)
          lines.push(body.suggestions.join(' · '));
        output.textContent = lines.join(' — ');
        output.dataset.ok = body.ok ? 'true' : 'false';
      } catch {
        if (mine === asked) output.textContent = '';
      }
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    if (input.value) void ask();
  }
})();
