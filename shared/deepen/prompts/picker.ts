/**
 * Chooses the next conversation prompt for one breakout group.
 *
 * Rule for a group that shares something (see `shares.ts` for what counts):
 * - turn 0, a round's first prompt: a fitted prompt;
 * - each "new prompt" press alternates: odd turns the theme's prompts, even turns fitted ones,
 *   and fitted turns rotate through the shares (industry, then parenting, …).
 * A mixed group always gets the theme's prompts. Organiser-added prompts belong to the theme
 * side and come before the built-in ones, in the organiser's order: they were added for this
 * community. When the preferred side has nothing unused the other side is used; when nothing in
 * the pool is unused, the least recently shown prompt comes back with `exhausted: true`.
 */
import { customCandidates } from './custom.js';
import { seededOrder } from './seed.js';
import { fittedCandidates, type Candidate } from './shares.js';
import { resolveTheme } from './themes.js';
import type { PickedPrompt, PickPromptInput } from './types.js';

/**
 * The next prompt for a group: never one in `used` while an unused one remains in its pool.
 * Pure and deterministic: the same input (seed included) gives the same prompt.
 * @throws PromptPoolError when `custom` holds a duplicate or built-in id or a blank text
 * @throws RangeError when `turn` is not a non-negative integer
 */
export function pickPrompt(input: PickPromptInput): PickedPrompt {
  const pack = resolveTheme(input.theme);
  const turn = input.turn ?? 0;
  if (!Number.isInteger(turn) || turn < 0)
    throw new RangeError(`turn must be a non-negative integer: ${turn}`);

  const shown = lastShown(input.used);
  const unused = (c: Candidate): boolean => !shown.has(c.id);
  const fitted = fittedCandidates(input.shared, input.locale, input.seed);
  const themed: Candidate[] = [
    ...customCandidates(input.custom ?? []),
    ...seededOrder(pack.prompts, input.seed).map((p): Candidate => ({
      id: p.id,
      text: p.text[input.locale],
      source: 'theme',
    })),
  ];

  const fromFitted = (): Candidate | undefined => {
    const start = Math.floor(turn / 2);
    for (let i = 0; i < fitted.length; i++) {
      const found = fitted[(start + i) % fitted.length]?.find(unused);
      if (found) return found;
    }
    return undefined;
  };
  const fromTheme = (): Candidate | undefined => themed.find(unused);

  const preferFitted = fitted.length > 0 && turn % 2 === 0;
  const fresh = preferFitted ? (fromFitted() ?? fromTheme()) : (fromTheme() ?? fromFitted());
  if (fresh) return { ...fresh, theme: pack.id, exhausted: false };
  return { ...leastRecent([...fitted.flat(), ...themed], shown), theme: pack.id, exhausted: true };
}

/** Each id's position in `used`, the latest occurrence winning. */
function lastShown(used: ReadonlySet<string> | readonly string[]): Map<string, number> {
  const positions = new Map<string, number>();
  let index = 0;
  for (const id of used) positions.set(id, index++);
  return positions;
}

function leastRecent(pool: readonly Candidate[], shown: ReadonlyMap<string, number>): Candidate {
  let best = pool[0] as Candidate;
  for (const candidate of pool) {
    if ((shown.get(candidate.id) ?? -1) < (shown.get(best.id) ?? -1)) best = candidate;
  }
  return best;
}
