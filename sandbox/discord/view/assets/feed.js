/* global EventSource, setTimeout */
/**
 * Live updates: the emulator's event feed (Server-Sent Events). A burst of notices becomes one
 * re-read of each thing they touch, a moment later.
 */

const DEBOUNCE_MS = 60;

/**
 * Follows the feed; `plan(notice, wanted)` adds what a notice makes stale to `wanted`, and
 * `refresh(wanted)` re-reads it.
 * @param {(notice: any, wanted: Set<string>) => void} plan
 * @param {(wanted: Set<string>) => Promise<void>} refresh
 */
export function followFeed(plan, refresh) {
  let wanted = new Set();
  let timer = null;
  let running = Promise.resolve();
  const source = new EventSource('/_emulator/events');
  source.addEventListener('message', (event) => {
    plan(JSON.parse(event.data), wanted);
    if (!wanted.size || timer) return;
    timer = setTimeout(() => {
      const batch = wanted;
      wanted = new Set();
      timer = null;
      running = running.then(() => refresh(batch));
    }, DEBOUNCE_MS);
  });
  return source;
}
