/**
 * `npm run bench:mixer` — figures for themed voice mixers, one section per part:
 * - grouping: the grouping engine against random and sort-and-chunk baselines;
 * - transition (to come): moving members between rooms through the Discord emulator.
 * Prints tables and, as the last line, `RESULT {json}`. Never fails on timing.
 */
import { groupingSection } from './mixer-grouping.js';

const grouping = groupingSection();
console.log(`\n## ${grouping.title}\n${grouping.table}\n`);

// A later section appends its figures here (e.g. `transition: transitionSection().figures`).
const result = { grouping: grouping.figures, transition: [] as unknown[] };
console.log(`RESULT ${JSON.stringify(result)}`);
