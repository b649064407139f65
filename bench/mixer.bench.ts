/**
 * `npm run bench:mixer` — figures for themed voice mixers, one section per part:
 * - grouping: the grouping engine against random and sort-and-chunk baselines;
 * - transition: one round change through the Discord emulator under the realistic profile.
 * Prints tables and, as the last line, `RESULT {json}`. Never fails on timing.
 */
import { groupingSection } from './mixer-grouping.js';
import { transitionSection } from './mixer-transition.js';

const grouping = groupingSection();
console.log(`\n## ${grouping.title}\n${grouping.table}\n`);

const transition = await transitionSection();
console.log(`\n## ${transition.title}\n${transition.table}\n`);

const result = { grouping: grouping.figures, transition: transition.figures };
console.log(`RESULT ${JSON.stringify(result)}`);
