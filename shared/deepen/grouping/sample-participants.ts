/**
 * A seeded, realistic alumni population (Japanese company, skewed to IT, Kanto and people in
 * their 30s; some questions unanswered) for benchmarks, tests and the sandbox's simulated
 * community. Not used when planning real mixers.
 */
import { Rng } from './prng.js';
import type { Participant } from './types.js';

type Weighted = readonly (readonly [string, number])[];

const INDUSTRY: Weighted = [
  ['it', 24],
  ['consulting', 10],
  ['finance', 9],
  ['manufacturing', 10],
  ['trading', 5],
  ['retail', 5],
  ['healthcare', 5],
  ['education', 4],
  ['public', 3],
  ['media', 4],
  ['realEstate', 2],
  ['logistics', 3],
  ['energy', 2],
  ['hospitality', 2],
  ['nonprofit', 2],
  ['freelance', 5],
  ['other', 5],
];
const AGE: Weighted = [
  ['20s', 18],
  ['30s', 38],
  ['40s', 27],
  ['50s', 12],
  ['60plus', 5],
];
const TENURE: Weighted = [
  ['lt1', 8],
  ['1to3', 30],
  ['3to5', 25],
  ['5to10', 22],
  ['10to20', 12],
  ['gt20', 3],
];
const REGION: Weighted = [
  ['kanto', 50],
  ['kansai', 15],
  ['chubu', 10],
  ['kyushu', 6],
  ['tohoku', 3],
  ['hokkaido', 3],
  ['chugoku', 3],
  ['shikoku', 2],
  ['okinawa', 1],
  ['overseas', 7],
];
const LIFE_STAGE: Weighted = [
  ['parenting', 30],
  ['caregiving', 6],
  ['studying', 8],
  ['careerBreak', 5],
  ['sideBusiness', 12],
  ['founder', 6],
  ['relocated', 7],
];
const INTERESTS = [
  'ai',
  'startups',
  'marketing',
  'design',
  'finance',
  'sustainability',
  'hr',
  'sales',
  'engineering',
  'product',
  'data',
  'career',
  'family',
  'sports',
  'travel',
];

function pick(rng: Rng, options: Weighted): string {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of options) if ((roll -= weight) < 0) return value;
  return options[options.length - 1][0];
}

/** Answers `value` with probability `rate`, else leaves the question unanswered. */
function maybe<T>(rng: Rng, rate: number, value: () => T): T | undefined {
  return rng.next() < rate ? value() : undefined;
}

/** `n` participants with ids `p0`, `p1`, … drawn from the distribution above. */
export function sampleParticipants(n: number, seed: string | number): Participant[] {
  const rng = new Rng(`participants:${seed}`);
  return Array.from({ length: n }, (_, i) => {
    const lifeStage = LIFE_STAGE.filter(([, percent]) => rng.next() * 100 < percent).map(([tag]) => tag);
    const interests = INTERESTS.filter(() => rng.next() < 0.12);
    const leaveYear = maybe(rng, 0.95, () =>
      String(2025 - Math.min(20, Math.floor(-Math.log(1 - rng.next()) * 4))),
    );
    return {
      id: `p${i}`,
      attributes: {
        industry: maybe(rng, 0.92, () => pick(rng, INDUSTRY)),
        ageBand: maybe(rng, 0.95, () => pick(rng, AGE)),
        lifeStage,
        leaveYear,
        tenure: maybe(rng, 0.9, () => pick(rng, TENURE)),
        region: maybe(rng, 0.9, () => pick(rng, REGION)),
        newGraduate: maybe(rng, 0.85, () => (rng.next() < 0.45 ? 'yes' : 'no')),
        interests,
      },
    };
  });
}
