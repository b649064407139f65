/** Organisers' own prompts per theme: add, list, remove (Discord now, the dashboard later). */
import { randomBytes } from 'node:crypto';
import { DomainError } from '../../errors.js';
import { isThemeId, PROMPT_MAX_LENGTH, type CustomPrompt } from '../prompts/index.js';
import { CustomPromptModel } from './custom-prompt.model.js';

/** Most prompts one theme keeps per guild (a select menu of them fits Discord's 25 options). */
export const MAX_CUSTOM_PER_THEME = 25;

export interface CustomPromptView extends CustomPrompt {
  theme: string;
}

function checkTheme(theme: string): void {
  if (!isThemeId(theme)) throw new DomainError('INVALID_INPUT', 'deepen.mixer.prompts.unknownTheme');
}

/**
 * Adds a prompt to a theme.
 * @throws DomainError INVALID_INPUT unknown theme, empty or too long text, theme full
 */
export async function addCustomPrompt(input: {
  guildId: string;
  theme: string;
  text: string;
  by: string;
}): Promise<CustomPromptView> {
  checkTheme(input.theme);
  const text = input.text.trim();
  if (!text) throw new DomainError('INVALID_INPUT', 'deepen.mixer.prompts.empty');
  if ([...text].length > PROMPT_MAX_LENGTH)
    throw new DomainError('INVALID_INPUT', 'deepen.mixer.prompts.tooLong', { max: PROMPT_MAX_LENGTH });
  const count = await CustomPromptModel.countDocuments({ guildId: input.guildId, theme: input.theme });
  if (count >= MAX_CUSTOM_PER_THEME)
    throw new DomainError('INVALID_INPUT', 'deepen.mixer.prompts.full', { max: MAX_CUSTOM_PER_THEME });
  const promptId = `custom-${randomBytes(4).toString('hex')}`;
  await CustomPromptModel.create({
    guildId: input.guildId,
    theme: input.theme,
    promptId,
    text,
    createdBy: input.by,
  });
  return { id: promptId, text, theme: input.theme };
}

/** A theme's prompts in this guild, oldest first (the picker's order). */
export async function listCustomPrompts(guildId: string, theme: string): Promise<CustomPromptView[]> {
  const rows = await CustomPromptModel.find({ guildId, theme }).sort({ createdAt: 1 }).lean();
  return rows.map((r) => ({ id: r.promptId, text: r.text, theme: r.theme }));
}

/** Removes one; NOT_FOUND when the id is not this guild's. */
export async function removeCustomPrompt(guildId: string, promptId: string): Promise<void> {
  const { deletedCount } = await CustomPromptModel.deleteOne({ guildId, promptId });
  if (!deletedCount) throw new DomainError('NOT_FOUND', 'deepen.mixer.prompts.unknown');
}
