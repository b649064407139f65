/**
 * Types of the mixer conversation prompts: themed packs, prompts fitted to what a group shares,
 * and the picker's input and result. Pure data, no Discord or database types.
 */
import type { Locale } from '../../i18n/index.js';
import { ATTRIBUTE_KEYS } from '../grouping/types.js';

/**
 * Attributes a breakout group may share; each has its own fitted prompts. The same list as the
 * grouping engine's (a round groups by one of them, its prompt speaks to it).
 */
export const PROMPT_ATTRIBUTES = ATTRIBUTE_KEYS;
export type PromptAttribute = (typeof PROMPT_ATTRIBUTES)[number];

/** Theme packs in the order a choice list shows them. */
export const THEME_IDS = [
  'icebreaker',
  'work-style',
  'home-time',
  'career',
  'alumni-memories',
  'learning',
  'local',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

/** A string in every supported language. */
export type LocalizedText = Readonly<Record<Locale, string>>;

export interface PromptDef {
  /** Stable id, stored in a round's "prompts shown"; never reuse one for a different question. */
  readonly id: string;
  readonly text: LocalizedText;
}

export interface ThemePack {
  readonly id: ThemeId;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly prompts: readonly PromptDef[];
}

export interface FittedPromptDef extends PromptDef {
  readonly attribute: PromptAttribute;
  /** Only for this stored value (e.g. lifeStage 'parenting'); absent: for any value. */
  readonly when?: string;
}

/**
 * Something every member of a group shares.
 * `value` is the display string in the prompt's locale, as the profile shows it:
 * industry "IT・通信" / "IT and telecoms", ageBand "30代" / "30s", lifeStage "子育て中" / "Parenting",
 * leaveYear "2021年" / "2021" (only the four-digit year is used), tenure "3〜5年" / "3–5 years",
 * region "関西" / "Kansai", interests "登山" / "hiking"; newGraduate any label ("新卒入社").
 */
export interface SharedAttribute {
  readonly attribute: PromptAttribute;
  readonly value: string;
  /**
   * The stored value behind `value` ('parenting', 'caregiving', 'it', …). It selects value-specific
   * prompts; `'other'` marks a share that says nothing and is ignored. For newGraduate: 'true'
   * (joined as new graduates, the default) or 'false' (all joined mid-career).
   */
  readonly key?: string;
}

/** A prompt an organiser added to a theme, in the language they wrote it in; shown verbatim. */
export interface CustomPrompt {
  readonly id: string;
  readonly text: string;
}

export interface PickPromptInput {
  /** A theme id; an unknown one falls back to 'icebreaker' (see `resolveTheme`). */
  readonly theme: string;
  readonly locale: Locale;
  /** What every member of the group shares; empty for a mixed group. */
  readonly shared: readonly SharedAttribute[];
  /**
   * Prompt ids already shown to this group in this mixer, oldest first (a Set keeps insertion
   * order; in an array a later occurrence counts as more recent).
   */
  readonly used: ReadonlySet<string> | readonly string[];
  readonly custom?: readonly CustomPrompt[];
  /** Same seed, same input → same prompt (e.g. `${mixerRunId}:${round}:${groupIndex}`). */
  readonly seed: string | number;
  /** 0 for a round's first prompt, then 1, 2, … for each "new prompt" press. Default 0. */
  readonly turn?: number;
}

export type PromptSource = 'fitted' | 'theme' | 'custom';

export interface PickedPrompt {
  readonly id: string;
  /** Ready to post: placeholders filled. */
  readonly text: string;
  readonly source: PromptSource;
  /** The shared attribute a fitted prompt was chosen for. */
  readonly attribute?: PromptAttribute;
  /** The theme actually used (differs from the input when that id was unknown). */
  readonly theme: ThemeId;
  /** True when every prompt in the group's pool had been used: this one is recycled, least recent. */
  readonly exhausted: boolean;
}
