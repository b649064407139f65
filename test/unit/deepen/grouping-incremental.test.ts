import { expect } from 'chai';
import {
  addLateJoiner,
  advanceRound,
  GroupingError,
  mixerStats,
  removeLeaver,
  replanFrom,
  sampleParticipants,
  startMixer,
  type MixerState,
  type Participant,
  type RoundStrategy,
} from '../../../shared/deepen/grouping/index.js';

const mixed: RoundStrategy = { kind: 'mixed' };
const industry: RoundStrategy = { kind: 'shared', attribute: 'industry' };

function start(n: number, groupSize: number, rounds: RoundStrategy[] = [mixed, mixed, mixed]): MixerState {
  return startMixer({ participants: sampleParticipants(n, 'live'), groupSize, rounds, seed: 'live' });
}

function sizesOf(state: MixerState, round: number): number[] {
  return state.rounds[round].map((g) => g.length);
}

function repeats(state: MixerState): number {
  return mixerStats(state.rounds, { participants: state.participants, strategies: state.strategies })
    .repeatPairs;
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

describe('grouping engine: a running mixer', () => {
  describe('late joiners', () => {
    it('GIVEN a group with room THEN the joiner goes there, and later rounds include them without repeats', () => {
      const state = start(14, 4); // 4, 4, 3, 3
      const joiner: Participant = { id: 'late', attributes: { industry: 'it' } };
      const { state: next, move } = addLateJoiner(state, joiner);
      expect(move.from).to.equal(null);
      expect(sizesOf(state, 0)[move.to!]).to.equal(3);
      expect(next.rounds[0][move.to!]).to.include('late');
      for (const round of [1, 2]) expect(next.rounds[round].flat()).to.include('late');
      expect(next.rounds[1].flat()).to.have.length(15);
      expect(repeats(next)).to.equal(0);
    });

    it('GIVEN a shared round THEN the joiner goes to the group with their attribute', () => {
      const participants: Participant[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({
        id,
        attributes: { industry: i < 3 ? 'finance' : 'it' },
      }));
      const state = startMixer({ participants, groupSize: 4, rounds: [industry], seed: 1 });
      const { state: next, move } = addLateJoiner(state, { id: 'g', attributes: { industry: 'it' } });
      expect([...next.rounds[0][move.to!]].sort()).to.deep.equal(['d', 'e', 'f', 'g']);
    });

    it('GIVEN the joiner met someone yesterday THEN they avoid that group', () => {
      const now = new Date('2025-06-01T00:00:00Z');
      const base = start(12, 4, [mixed]); // three groups of 4, all full
      const [first, second] = base.rounds[0];
      const history = [...first, ...second].map((id) => ({
        a: 'late',
        b: id,
        count: 1,
        lastMetAt: new Date('2025-05-31T00:00:00Z'),
      }));
      const state = { ...base, history, now };
      const { move } = addLateJoiner(state, { id: 'late', attributes: {} });
      expect(move.to).to.equal(2);
    });

    it('GIVEN an id already in the mixer THEN it refuses with DUPLICATE_PARTICIPANT', () => {
      const state = start(9, 3);
      expect(refusal(() => addLateJoiner(state, { id: 'p0', attributes: {} })).code).to.equal(
        'DUPLICATE_PARTICIPANT',
      );
    });
  });

  describe('leavers', () => {
    it('GIVEN the group keeps 3 or more THEN only the leaver moves', () => {
      const state = start(14, 4);
      const leaver = state.rounds[0][0][0];
      const { state: next, moves } = removeLeaver(state, leaver);
      expect(moves).to.deep.equal([{ id: leaver, from: 0, to: null }]);
      expect(next.rounds[0][0]).to.have.length(3);
      for (const round of next.rounds) expect(round.flat()).not.to.include(leaver);
    });

    it('GIVEN the group falls to 2 and a larger group exists THEN one person moves over from the largest group', () => {
      const state = start(13, 4); // 4, 3, 3, 3
      const leaver = state.rounds[0][1][0];
      const { state: next, moves } = removeLeaver(state, leaver);
      expect(moves).to.have.length(2);
      expect(moves[1]).to.include({ from: 0, to: 1 });
      expect(sizesOf(next, 0)).to.deep.equal([3, 3, 3, 3]);
    });

    it('GIVEN the group falls to 2 and every other group has 3 THEN its two members join other groups and it stays empty', () => {
      const state = start(12, 3); // 3, 3, 3, 3
      const leaver = state.rounds[0][2][0];
      const { state: next, moves } = removeLeaver(state, leaver);
      expect(moves).to.have.length(3);
      expect(moves.slice(1).every((m) => m.from === 2 && m.to !== 2 && m.to !== null)).to.equal(true);
      expect(sizesOf(next, 0)).to.have.members([4, 4, 3, 0]);
      expect(next.rounds[0][2]).to.deep.equal([]);
      expect(next.rounds[1].flat()).to.have.length(11);
    });

    it('GIVEN an unknown id THEN it refuses with UNKNOWN_PARTICIPANT', () => {
      expect(refusal(() => removeLeaver(start(9, 3), 'nobody')).code).to.equal('UNKNOWN_PARTICIPANT');
    });
  });

  describe('re-planning', () => {
    it('GIVEN real attendance before round 2 THEN rounds 2 and 3 are re-planned for them with no pair from round 1 again', () => {
      const state = advanceRound(start(20, 4));
      const attendance = [
        ...state.participants.slice(2),
        ...sampleParticipants(3, 'new').map((p) => ({ ...p, id: `new-${p.id}` })),
      ];
      const next = replanFrom(state, 1, attendance);
      expect(next.rounds[0]).to.deep.equal(state.rounds[0]);
      for (const round of [1, 2])
        expect(next.rounds[round].flat().sort()).to.deep.equal(attendance.map((p) => p.id).sort());
      expect(repeats(next)).to.equal(0);
    });

    it('GIVEN fewer than 3 people left THEN the remaining rounds hold one group of them', () => {
      const state = start(6, 3);
      const next = replanFrom(state, 1, state.participants.slice(0, 2));
      expect(next.rounds.slice(1)).to.deep.equal([[['p0', 'p1']], [['p0', 'p1']]]);
    });

    it('GIVEN a round index outside the mixer THEN it refuses with INVALID_ROUND_INDEX', () => {
      const state = start(9, 3);
      expect(refusal(() => replanFrom(state, 4)).code).to.equal('INVALID_ROUND_INDEX');
      expect(refusal(() => advanceRound(advanceRound(advanceRound(state)))).code).to.equal(
        'INVALID_ROUND_INDEX',
      );
    });
  });
});
