/** Organiser-added prompts: checked once per pick, because their ids share the `used` set with ours. */
import { FITTED_PROMPTS } from './fitted/index.js';
import { THEME_PACKS } from './packs/index.js';
import type { Candidate } from './shares.js';
import type { CustomPrompt } from './types.js';

/** Longest prompt text: fits an embed description with room for a title line. */
export const PROMPT_MAX_LENGTH = 300;

/** Every built-in prompt id (theme packs and fitted prompts). */
export const BUILT_IN_PROMPT_IDS: ReadonlySet<string> = new Set([
  ...THEME_PACKS.flatMap((pack) => pack.prompts.map((p) => p.id)),
  ...FITTED_PROMPTS.map((p) => p.id),
]);

/**
 * A caller handed the picker a pool it cannot use (duplicate or built-in custom id, blank
 * text). Custom ids come from storage, not from a person, so this is a bug, not user input.
 */
export class PromptPoolError extends Error {
  override readonly name = 'PromptPoolError';
}

/** The custom prompts as candidates, in the organiser's order; throws `PromptPoolError` on a bad pool. */
export function customCandidates(custom: readonly CustomPrompt[]): Candidate[] {
  const seen = new Set<string>();
  return custom.map(({ id, text }) => {
    if (BUILT_IN_PROMPT_IDS.has(id)) throw new PromptPoolError(`custom prompt id ${id} is a built-in id`);
    if (seen.has(id)) throw new PromptPoolError(`custom prompt id ${id} appears twice`);
    if (text.trim() === '') throw new PromptPoolError(`custom prompt ${id} has no text`);
    seen.add(id);
    return { id, text: text.trim(), source: 'custom' };
  });
}
