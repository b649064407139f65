/**
 * Conversation prompts for themed small-group voice mixers: theme packs (ja + en), prompts
 * fitted to what a group shares, and the picker. Pure code: adapters post the text.
 */
export {
  PROMPT_ATTRIBUTES,
  THEME_IDS,
  type PromptAttribute,
  type ThemeId,
  type LocalizedText,
  type PromptDef,
  type ThemePack,
  type FittedPromptDef,
  type SharedAttribute,
  type CustomPrompt,
  type PickPromptInput,
  type PickedPrompt,
  type PromptSource,
} from './types.js';
export { THEME_PACKS } from './packs/index.js';
export { FITTED_PROMPTS, ATTRIBUTE_PLACEHOLDER } from './fitted/index.js';
export {
  DEFAULT_THEME,
  isThemeId,
  resolveTheme,
  themeName,
  themeDescription,
  listThemes,
  type ThemeChoice,
} from './themes.js';
export { BUILT_IN_PROMPT_IDS, PROMPT_MAX_LENGTH, PromptPoolError } from './custom.js';
export { MAX_VALUE_LENGTH } from './shares.js';
export { pickPrompt } from './picker.js';
