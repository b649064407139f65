/**
 * Every attribute-fitted prompt, and the placeholder each attribute fills.
 * Fitted prompts do not belong to a theme: a group that shares something gets them whatever
 * the mixer's theme, alternating with the theme's own prompts (see `pickPrompt`).
 */
import type { FittedPromptDef, PromptAttribute } from '../types.js';
import { workHistoryPrompts } from './work-history.js';
import { lifeStagePrompts } from './life-stage.js';
import { personalPrompts } from './personal.js';

export const FITTED_PROMPTS: readonly FittedPromptDef[] = [
  ...workHistoryPrompts,
  ...lifeStagePrompts,
  ...personalPrompts,
];

/** The one placeholder an attribute's prompts may use, filled from the shared value. */
export const ATTRIBUTE_PLACEHOLDER: Readonly<Record<PromptAttribute, string | undefined>> = {
  industry: 'industry',
  ageBand: 'ageBand',
  lifeStage: 'lifeStage',
  leaveYear: 'year',
  tenure: 'tenure',
  region: 'region',
  newGraduate: undefined,
  interests: 'interest',
};
