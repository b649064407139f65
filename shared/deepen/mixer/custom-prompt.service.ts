/** Organisers' own prompts per theme: add, list, edit, remove (from Discord and the dashboard). */
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

/** The text as stored: trimmed, not empty, at most PROMPT_MAX_LENGTH characters (code points). */
function checkText(raw: string): string {
  const text = raw.trim();
  if (!text) throw new DomainError('INVALID_INPUT', 'deepen.mixer.prompts.empty');
  if ([...text].length > PROMPT_MAX_LENGTH)
    throw new DomainError('INVALID_INPUT', 'deepen.mixer.prompts.tooLong', { max: PROMPT_MAX_LENGTH });
  return text;
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
  const text = checkText(input.text);
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

/** Every theme's prompts in this guild (one query), oldest first within a theme. */
export async function listGuildCustomPrompts(guildId: string): Promise<Map<string, CustomPromptView[]>> {
  const rows = await CustomPromptModel.find({ guildId }).sort({ createdAt: 1, _id: 1 }).lean();
  const byTheme = new Map<string, CustomPromptView[]>();
  for (const r of rows) {
    const list = byTheme.get(r.theme) ?? [];
    list.push({ id: r.promptId, text: r.text, theme: r.theme });
    byTheme.set(r.theme, list);
  }
  return byTheme;
}

/**
 * Replaces a prompt's text; it keeps its id, theme and place in the theme's order, so a running
 * mixer that already showed it still counts it as shown.
 * @throws DomainError INVALID_INPUT empty or too long text; NOT_FOUND when the id is not this guild's
 */
export async function updateCustomPrompt(input: {
  guildId: string;
  promptId: string;
  text: string;
}): Promise<CustomPromptView> {
  const text = checkText(input.text);
  const row = await CustomPromptModel.findOneAndUpdate(
    { guildId: input.guildId, promptId: input.promptId },
    { $set: { text } },
    { returnDocument: 'after' },
  ).lean();
  if (!row) throw new DomainError('NOT_FOUND', 'deepen.mixer.prompts.unknown');
  return { id: row.promptId, text: row.text, theme: row.theme };
}

/** Removes one; NOT_FOUND when the id is not this guild's. */
export async function removeCustomPrompt(guildId: string, promptId: string): Promise<void> {
  const { deletedCount } = await CustomPromptModel.deleteOne({ guildId, promptId });
  if (!deletedCount) throw new DomainError('NOT_FOUND', 'deepen.mixer.prompts.unknown');
}
