import { expect } from 'chai';
import {
  GroupingError,
  groupSizes,
  planMixer,
  sampleParticipants,
  socialGolferBound,
  type MixerPlan,
  type Participant,
  type PlanInput,
  type RoundStrategy,
} from '../../../shared/deepen/grouping/index.js';

const mixed: RoundStrategy = { kind: 'mixed' };
const industry: RoundStrategy = { kind: 'shared', attribute: 'industry' };
const ageBand: RoundStrategy = { kind: 'shared', attribute: 'ageBand' };

function people(n: number, seed = 'fixture'): Participant[] {
  return sampleParticipants(n, seed);
}

function plan(n: number, k: number, rounds: RoundStrategy[], extra: Partial<PlanInput> = {}): MixerPlan {
  return planMixer({ participants: people(n), groupSize: k, rounds, seed: 1, ...extra });
}

function refusal(run: () => unknown): GroupingError {
  try {
    run();
  } catch (error) {
    if (error instanceof GroupingError) return error;
    throw error;
  }
  throw new Error('expected a GroupingError');
}

function expectEveryonePlacedOnce(result: MixerPlan, participants: readonly Participant[]): void {
  const ids = participants.map((p) => p.id).sort();
  for (const round of result.rounds) expect(round.flat().sort()).to.deep.equal(ids);
}

describe('grouping engine: planMixer', () => {
  describe('repeats', () => {
    for (const [n, k, rounds] of [
      [16, 4, 3],
      [13, 4, 3],
      [100, 5, 6],
    ] as const) {
      it(`GIVEN ${n} people, groups of ${k}, ${rounds} rounds THEN no pair meets twice`, () => {
        expect(rounds).to.be.at.most(socialGolferBound(n, k));
        const result = plan(
          n,
          k,
          Array.from({ length: rounds }, () => mixed),
        );
        expect(result.stats.repeatPairs).to.equal(0);
        expect(result.stats.maxMeetings).to.equal(1);
      });
    }

    it('GIVEN 16 people, groups of 4, 3 themed rounds THEN no pair meets twice either', () => {
      expect(plan(16, 4, [industry, ageBand, mixed]).stats.repeatPairs).to.equal(0);
    });

    it('GIVEN 24 people, groups of 4, 6 rounds THEN at most 5 repeat pairs', () => {
      expect(
        plan(24, 4, [industry, ageBand, mixed, industry, ageBand, mixed]).stats.repeatPairs,
      ).to.be.at.most(5);
    });

    it('GIVEN 48 people, groups of 6, 6 rounds THEN at most 15 repeat pairs', () => {
      expect(
        plan(48, 6, [industry, ageBand, mixed, industry, ageBand, mixed]).stats.repeatPairs,
      ).to.be.at.most(15);
    });

    it('GIVEN 9 people, groups of 3, 6 rounds (beyond the bound of 4) THEN repeats are spread: nobody meets 3 times', () => {
      const result = plan(
        9,
        3,
        Array.from({ length: 6 }, () => mixed),
      );
      expect(result.stats.maxMeetings).to.equal(2);
      // 6 rounds × 9 pairs = 54 meetings over 36 pairs: at least 18 are second meetings.
      expect(result.stats.repeatPairs).to.equal(18);
    });
  });

  describe('group sizes', () => {
    it('GIVEN 3 to 60 people and group sizes 3 to 6 THEN sizes differ by at most one and none is below 3', () => {
      for (let n = 3; n <= 60; n++) {
        for (let k = 3; k <= 6; k++) {
          const sizes = groupSizes(n, k);
          expect(
            sizes.reduce((a, b) => a + b, 0),
            `n=${n} k=${k}`,
          ).to.equal(n);
          expect(Math.max(...sizes) - Math.min(...sizes), `n=${n} k=${k}`).to.be.at.most(1);
          expect(Math.min(...sizes), `n=${n} k=${k}`).to.be.at.least(3);
          if (n >= 6) expect(sizes.length, `n=${n} k=${k}`).to.be.at.least(2);
        }
      }
    });

    it('GIVEN groupSize k THEN a group exceeds k only when splitting would leave a group under 3', () => {
      for (let n = 3; n <= 60; n++) {
        for (let k = 3; k <= 6; k++) {
          const sizes = groupSizes(n, k);
          if (Math.max(...sizes) > k)
            expect(Math.floor(n / (sizes.length + 1)), `n=${n} k=${k}`).to.be.below(3);
        }
      }
    });

    it('GIVEN 3 to 60 people THEN every round of the plan uses those sizes and places everyone once', () => {
      for (let n = 3; n <= 60; n++) {
        for (let k = 3; k <= 6; k++) {
          const participants = people(n);
          const result = planMixer({
            participants,
            groupSize: k,
            rounds: [industry, mixed],
            seed: n * 10 + k,
          });
          expect(result.sizes).to.deep.equal(groupSizes(n, k));
          expect(result.groupCount).to.equal(result.sizes.length);
          for (const round of result.rounds) expect(round.map((g) => g.length)).to.deep.equal(result.sizes);
          expectEveryonePlacedOnce(result, participants);
          expect(result.stats.sizeSpread).to.be.at.most(1);
        }
      }
    });
  });

  describe('refusals', () => {
    for (const n of [0, 1, 2]) {
      it(`GIVEN only ${n} participants THEN it refuses with TOO_FEW_PARTICIPANTS`, () => {
        const error = refusal(() => plan(n, 4, [mixed]));
        expect(error.code).to.equal('TOO_FEW_PARTICIPANTS');
        expect(error.details).to.deep.equal({ count: n, minimum: 3 });
      });
    }

    it('GIVEN a group size outside 3–6 or 0 or 7 rounds THEN it refuses with the matching code', () => {
      expect(refusal(() => plan(10, 2, [mixed])).code).to.equal('INVALID_GROUP_SIZE');
      expect(refusal(() => plan(10, 7, [mixed])).code).to.equal('INVALID_GROUP_SIZE');
      expect(refusal(() => plan(10, 4, [])).code).to.equal('INVALID_ROUNDS');
      expect(
        refusal(() =>
          plan(
            10,
            4,
            Array.from({ length: 7 }, () => mixed),
          ),
        ).code,
      ).to.equal('INVALID_ROUNDS');
    });

    it('GIVEN the same id twice THEN it refuses with DUPLICATE_PARTICIPANT', () => {
      const participants = [...people(5), { id: 'p0', attributes: {} }];
      const error = refusal(() => planMixer({ participants, groupSize: 3, rounds: [mixed], seed: 1 }));
      expect(error.code).to.equal('DUPLICATE_PARTICIPANT');
    });
  });

  describe('determinism', () => {
    it('GIVEN the same input and seed THEN the plan is the same', () => {
      const input = {
        participants: people(40),
        groupSize: 4,
        rounds: [industry, ageBand, mixed],
        seed: 'event-1',
      };
      expect(planMixer(input)).to.deep.equal(planMixer(input));
    });

    it('GIVEN different seeds THEN the plans differ', () => {
      const participants = people(40);
      const plans = ['a', 'b', 'c'].map((seed) =>
        JSON.stringify(planMixer({ participants, groupSize: 4, rounds: [mixed, mixed], seed }).rounds),
      );
      expect(new Set(plans).size).to.be.greaterThan(1);
    });
  });
});
