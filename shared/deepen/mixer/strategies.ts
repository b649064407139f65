/**
 * Reading the strategies an organiser types ("industry, mixed" or "業界→年代→ミックス"): one per
 * round, the last one repeated for the remaining rounds. Pure, for the slash command and events.
 */
import { DomainError } from '../../errors.js';
import { ATTRIBUTE_KEYS, type AttributeKey, type RoundStrategy } from '../grouping/index.js';

const ALIASES: Readonly<Record<string, AttributeKey | 'mixed'>> = {
  ...Object.fromEntries(ATTRIBUTE_KEYS.map((key) => [key.toLowerCase(), key])),
  mixed: 'mixed',
  mix: 'mixed',
  random: 'mixed',
  age: 'ageBand',
  parenting: 'lifeStage',
  lifestage: 'lifeStage',
  year: 'leaveYear',
  newgrad: 'newGraduate',
  ミックス: 'mixed',
  混合: 'mixed',
  業界: 'industry',
  年代: 'ageBand',
  ライフステージ: 'lifeStage',
  子育て: 'lifeStage',
  退職年: 'leaveYear',
  在籍年数: 'tenure',
  在籍: 'tenure',
  地域: 'region',
  新卒: 'newGraduate',
  趣味: 'interests',
  興味: 'interests',
};

/** Words accepted for a strategy, for the error message. */
export const STRATEGY_WORDS = ['mixed', ...ATTRIBUTE_KEYS].join(', ');

/**
 * One strategy per round from `text` (empty: every round mixed).
 * @throws DomainError INVALID_INPUT naming an unknown word, or more strategies than rounds
 */
export function parseStrategies(text: string | null | undefined, rounds: number): RoundStrategy[] {
  const words = (text ?? '')
    .split(/[\s,、，→>/]+/u)
    .map((w) => w.trim())
    .filter(Boolean);
  const parsed: RoundStrategy[] = words.map((word) => {
    const found = ALIASES[word.toLowerCase()];
    if (!found)
      throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.unknownStrategy', {
        word,
        words: STRATEGY_WORDS,
      });
    return found === 'mixed' ? { kind: 'mixed' } : { kind: 'shared', attribute: found };
  });
  if (parsed.length > rounds)
    throw new DomainError('INVALID_INPUT', 'deepen.mixer.error.tooManyStrategies', {
      count: parsed.length,
      rounds,
    });
  const last: RoundStrategy = parsed[parsed.length - 1] ?? { kind: 'mixed' };
  return Array.from({ length: rounds }, (_, i) => parsed[i] ?? last);
}
