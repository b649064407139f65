import { expect } from 'chai';
import { planMixer, sampleParticipants } from '../../../../shared/deepen/grouping/index.js';
import { assignGroupsToRooms, movesForRound } from '../../../../shared/deepen/mixer/room-assignment.js';

describe('mixer room assignment (groups go where most of their members already are)', () => {
  it('keeps a group in the room where most of it already sits', () => {
    const where = new Map([
      ['a', 1],
      ['b', 1],
      ['c', 0],
      ['d', 0],
      ['e', 0],
    ]);
    const roomOf = (id: string) => where.get(id) ?? null;
    const groups = [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ];
    const rooms = assignGroupsToRooms(groups, roomOf, 2);
    expect(rooms).to.deep.equal([1, 0]);
    expect(movesForRound(groups, rooms, roomOf)).to.deep.equal([
      { userId: 'c', room: 1 },
      { userId: 'f', room: 0 },
    ]);
  });

  it('gives every group its own room, also when all prefer the same one', () => {
    const roomOf = () => 0;
    const rooms = assignGroupsToRooms([['a'], ['b'], ['c']], roomOf, 3);
    expect([...rooms].sort()).to.deep.equal([0, 1, 2]);
  });

  it('moves about (k−1)/k of the people between rounds of a plan without repeats, not everyone twice', () => {
    const participants = sampleParticipants(40, 'rooms');
    const plan = planMixer({
      participants,
      groupSize: 4,
      rounds: [{ kind: 'mixed' }, { kind: 'mixed' }],
      seed: 1,
    });
    const where = new Map<string, number>();
    plan.rounds[0]!.forEach((g, i) => g.forEach((id) => where.set(id, i)));
    const roomOf = (id: string) => where.get(id) ?? null;
    const rooms = assignGroupsToRooms(plan.rounds[1]!, roomOf, plan.groupCount);
    const moves = movesForRound(plan.rounds[1]!, rooms, roomOf);
    expect(moves.length / 40).to.be.at.most(0.8);
  });

  it('refuses more groups than rooms', () => {
    expect(() => assignGroupsToRooms([['a'], ['b']], () => null, 1)).to.throw(RangeError);
  });
});
