/**
 * `npm run bench:mixer` — figures for themed voice mixers, one section per part:
 * - grouping: the grouping engine against random and sort-and-chunk baselines;
 * - transition: one round change of a mixer run by the bot (discord.js client, the Discord
 *   emulator under the realistic profile), beside the naive everyone-out-and-back transition
 *   measured in the same run (about 15 minutes: the member-move bucket sets the pace).
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
