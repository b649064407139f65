/** What the prompts page reads and writes: the guild's own prompts (Tsunagu data, no Discord call). */
import {
  addCustomPrompt,
  listGuildCustomPrompts,
  removeCustomPrompt,
  updateCustomPrompt,
} from '../../shared/deepen/mixer/custom-prompt.service.js';

declare module '../core/reads.js' {
  interface GuildReads {
    /** The guild's own prompts by theme id, oldest first. */
    customPrompts: typeof listGuildCustomPrompts;
    addCustomPrompt: typeof addCustomPrompt;
    updateCustomPrompt: typeof updateCustomPrompt;
    removeCustomPrompt: typeof removeCustomPrompt;
  }
}

export const promptsReads = {
  customPrompts: listGuildCustomPrompts,
  addCustomPrompt,
  updateCustomPrompt,
  removeCustomPrompt,
};
