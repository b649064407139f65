/**
 * Which shared attributes earn fitted prompts, in what order, and the filled-in candidates.
 * Rule: every entry with a non-blank value counts, except key 'other' (an industry of "Other"
 * says nothing) and a leave year without a four-digit year. Entries are tried strongest first:
 * life stage, industry, interests, leave year, new graduate, region, age band, tenure — life
 * context and today's work give the most to talk about, demographic bands the least.
 */
import type { Locale } from '../../i18n/index.js';
import { ATTRIBUTE_PLACEHOLDER, FITTED_PROMPTS } from './fitted/index.js';
import { seededOrder } from './seed.js';
import type { FittedPromptDef, PromptAttribute, PromptSource, SharedAttribute } from './types.js';

/** Longest shared value put into a prompt; longer ones are cut with "…". */
export const MAX_VALUE_LENGTH = 40;

const PRIORITY: readonly PromptAttribute[] = [
  'lifeStage',
  'industry',
  'interests',
  'leaveYear',
  'newGraduate',
  'region',
  'ageBand',
  'tenure',
];

/** Keys assumed when the caller gives none. */
const DEFAULT_KEY: Partial<Record<PromptAttribute, string>> = { newGraduate: 'true' };

/** A prompt ready to show, before the picker adds theme and exhaustion. */
export interface Candidate {
  readonly id: string;
  readonly text: string;
  readonly source: PromptSource;
  readonly attribute?: PromptAttribute;
}

/**
 * The fitted candidates of each counted share, strongest share first. Within a share,
 * value-specific prompts (parenting, caregiving…) come before generic ones, each in seeded order.
 */
export function fittedCandidates(
  shared: readonly SharedAttribute[],
  locale: Locale,
  seed: string | number,
): Candidate[][] {
  return counted(shared)
    .map((entry) => {
      const key = entry.key ?? DEFAULT_KEY[entry.attribute];
      const own = FITTED_PROMPTS.filter((p) => p.attribute === entry.attribute);
      const specific = seededOrder(
        own.filter((p) => p.when !== undefined && p.when === key),
        seed,
      );
      const generic = seededOrder(
        own.filter((p) => p.when === undefined),
        seed,
      );
      return [...specific, ...generic].map((p) => toCandidate(p, entry, locale));
    })
    .filter((candidates) => candidates.length > 0);
}

function counted(shared: readonly SharedAttribute[]): SharedAttribute[] {
  return shared
    .map((entry) => ({ ...entry, value: displayValue(entry) }))
    .filter((entry) => entry.value !== '' && entry.key !== 'other')
    .sort((a, b) => PRIORITY.indexOf(a.attribute) - PRIORITY.indexOf(b.attribute));
}

function displayValue(entry: SharedAttribute): string {
  const value = entry.value.trim();
  // Templates write 年 themselves: "2021年" and "2021" both become "2021".
  if (entry.attribute === 'leaveYear') return /\d{4}/.exec(value)?.[0] ?? '';
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
}

function toCandidate(prompt: FittedPromptDef, entry: SharedAttribute, locale: Locale): Candidate {
  const name = ATTRIBUTE_PLACEHOLDER[prompt.attribute];
  const template = prompt.text[locale];
  const text = name === undefined ? template : template.split(`{${name}}`).join(entry.value);
  return { id: prompt.id, text, source: 'fitted', attribute: prompt.attribute };
}
