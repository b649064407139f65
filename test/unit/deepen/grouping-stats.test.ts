import { expect } from 'chai';
import { mixerStats, type Participant } from '../../../shared/deepen/grouping/index.js';

const participants: Participant[] = [
  { id: 'a', attributes: { industry: 'it', lifeStage: ['parenting', 'founder'] } },
  { id: 'b', attributes: { industry: 'it', lifeStage: ['founder'] } },
  { id: 'c', attributes: { industry: 'finance', lifeStage: [] } },
  { id: 'd', attributes: { industry: 'finance' } },
  { id: 'e', attributes: {} },
  { id: 'f', attributes: { industry: 'it', lifeStage: ['parenting'] } },
];

describe('grouping engine: mixerStats', () => {
  const rounds = [
    [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ],
    [
      ['a', 'b', 'd'],
      ['c', 'e', 'f'],
    ],
    [
      ['a', 'b', 'e', 'f'],
      ['c', 'd'],
    ],
  ];
  const stats = mixerStats(rounds, {
    participants,
    strategies: [
      { kind: 'shared', attribute: 'industry' },
      { kind: 'shared', attribute: 'lifeStage' },
      { kind: 'mixed' },
    ],
    history: [
      { a: 'a', b: 'b', count: 1, lastMetAt: new Date('2025-01-01') },
      { a: 'b', b: 'a', count: 2, lastMetAt: new Date('2025-02-01') },
      { a: 'c', b: 'f', count: 1, lastMetAt: new Date('2025-02-01') },
      { a: 'c', b: 'x', count: 1, lastMetAt: new Date('2025-02-01') },
    ],
  });

  it('GIVEN two pairs meeting in all three rounds THEN repeats are 4 and the largest count is 3', () => {
    // a–b and e–f meet in every round (2 repeats each); every other pair meets at most once.
    expect(stats.maxMeetings).to.equal(3);
    expect(stats.repeatPairs).to.equal(4);
  });

  it('GIVEN groups of 3 and 3, then 4 and 2 THEN the size spread is 2', () => {
    expect(stats.sizeSpread).to.equal(2);
  });

  it('GIVEN a shared round THEN its share counts pairs with the same value, tag lists by any common tag', () => {
    // industry: a–b (it), d–f no, d–e no, e–f no, a–c no, b–c no → 1 of 6.
    expect(stats.rounds[0]).to.deep.equal({ kind: 'shared', attribute: 'industry', sharedShare: 1 / 6 });
    // lifeStage: a–b share founder; c–f, e–f, c–e and the d pairs do not → 1 of 6.
    expect(stats.rounds[1].sharedShare).to.equal(1 / 6);
  });

  it('GIVEN a mixed round THEN its share is the mean over the attributes anyone answered', () => {
    // industry: a–b, a–f, b–f, c–d share → 4 of 7; lifeStage: a–b, a–f → 2 of 7.
    expect(stats.rounds[2].kind).to.equal('mixed');
    expect(stats.rounds[2].sharedShare).to.be.closeTo((4 / 7 + 2 / 7) / 2, 1e-12);
  });

  it('GIVEN history pairs (one listed twice, one with someone absent) THEN each pair met again counts once', () => {
    expect(stats.historyPairsReMet).to.equal(2);
  });
});
