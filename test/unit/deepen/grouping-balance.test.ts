import { expect } from 'chai';
import {
  mixerStats,
  planMixer,
  sampleParticipants,
  type AttributeKey,
  type RoundStrategy,
} from '../../../shared/deepen/grouping/index.js';
import { noRepeatReference, sortAndChunk } from '../../support/grouping-reference.js';

const shared = (attribute: AttributeKey): RoundStrategy => ({ kind: 'shared', attribute });
const mixed: RoundStrategy = { kind: 'mixed' };
const SEEDS = Array.from({ length: 40 }, (_, s) => s);

interface Level {
  /** Seeds where every shared round keeps ≥ 90% of sort-and-chunk's share. */
  nearSorted: number;
  /** Seeds where every shared round keeps ≥ 90% of what the no-repeat reference gives every shared round at once. */
  nearReference: number;
  repeats: number;
}

/**
 * Per seed: the engine's worst shared round as a ratio to sort-and-chunk's share, against the
 * reference's worst ratio capped at 1 (above sort-and-chunk's share is not asked for). The slow
 * reference is only run where the engine is below 90% of sort-and-chunk somewhere.
 */
function level(n: number, groupSize: number, rounds: RoundStrategy[]): Level {
  const out: Level = { nearSorted: 0, nearReference: 0, repeats: 0 };
  for (const seed of SEEDS) {
    const participants = sampleParticipants(n, `share-${seed}`);
    const plan = planMixer({ participants, groupSize, rounds, seed });
    out.repeats += plan.stats.repeatPairs;
    const targets = rounds.map((round) =>
      round.kind === 'shared'
        ? mixerStats([sortAndChunk(participants, groupSize, round.attribute)], {
            participants,
            strategies: [round],
          }).rounds[0].sharedShare
        : 0,
    );
    const ratios = targets.flatMap((t, r) => (t > 0 ? [plan.stats.rounds[r].sharedShare / t] : []));
    const worst = Math.min(1, ...ratios);
    if (worst >= 0.9) {
      out.nearSorted++;
      out.nearReference++;
      continue;
    }
    const reference = noRepeatReference({
      participants,
      groupSize,
      strategies: rounds,
      targets,
      starts: [plan.rounds],
      seed,
    });
    expect(reference.repeats, `the reference at seed ${seed} has no repeats`).to.equal(0);
    if (worst >= 0.9 * Math.min(1, reference.worstRatio)) out.nearReference++;
  }
  return out;
}

describe('grouping engine: two shared rounds share their pairs fairly, against a no-repeat reference', () => {
  // People who share both attributes can meet in only one of the two rounds; the engine must not
  // hand all of them to one round. Levels measured when this was written (the reference is the
  // slow annealing of test/support/grouping-reference.ts). Before the balancing (summed costs,
  // cheapest attempt kept): industry → age band 29/40 near sort-and-chunk and 30/40 near the
  // reference; life stage → region 33/40 and 35/40 (that case did not gain). Measured with the
  // balancing: 33 and 35, then 32 and 34. The floors leave a seed or two of slack below that, so
  // a harmless change of the engine or the sample does not fail them; repeats must stay at 0.
  it('GIVEN 13 people, groups of 4, industry → age band → mixed THEN in 33 of 40 seeds every shared round keeps 90% of the reference level, with no repeats', () => {
    const got = level(13, 4, [shared('industry'), shared('ageBand'), mixed]);
    expect(got.repeats).to.equal(0);
    expect(got.nearReference).to.be.at.least(33);
    expect(got.nearSorted).to.be.at.least(31);
  });

  it('GIVEN 13 people, groups of 4, life stage → region → mixed THEN in 33 of 40 seeds every shared round keeps 90% of the reference level, with no repeats', () => {
    const got = level(13, 4, [shared('lifeStage'), shared('region'), mixed]);
    expect(got.repeats).to.equal(0);
    expect(got.nearReference).to.be.at.least(33);
    expect(got.nearSorted).to.be.at.least(31);
  });

  it('GIVEN two shared rounds at 13 people (where the balancing attempts and the walk run) THEN the same input and seed give the same plan', () => {
    const rounds = [shared('industry'), shared('ageBand'), mixed];
    for (const seed of SEEDS) {
      const input = { participants: sampleParticipants(13, `share-${seed}`), groupSize: 4, rounds, seed };
      expect(planMixer(input), `seed ${seed}`).to.deep.equal(planMixer(input));
    }
  });
});
