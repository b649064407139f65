import { expect } from 'chai';
import {
  groupSizes,
  historyWeight,
  mixerStats,
  planMixer,
  sampleParticipants,
  type AttributeKey,
  type PairHistoryEntry,
  type Participant,
  type RoundGroups,
  type RoundStrategy,
} from '../../../shared/deepen/grouping/index.js';
import { Rng } from '../../../shared/deepen/grouping/prng.js';

const DAY = 86_400_000;
const now = new Date('2025-06-01T12:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * DAY);
const shared = (attribute: AttributeKey): RoundStrategy => ({ kind: 'shared', attribute });
const mixed: RoundStrategy = { kind: 'mixed' };

function sortKey(p: Participant, attribute: AttributeKey): string {
  const raw = p.attributes[attribute];
  const values = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw].sort();
  return values.length ? values.join(',') : '\uffff';
}

/** The baseline: sort by the attribute (no answer last) and cut into the same sizes. */
function sortAndChunk(participants: Participant[], groupSize: number, attribute: AttributeKey): RoundGroups {
  const keyed = participants.map((p) => ({ id: p.id, key: sortKey(p, attribute) }));
  const ids = keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((p) => p.id);
  let at = 0;
  return groupSizes(participants.length, groupSize).map((size) => ids.slice(at, (at += size)));
}

function shareOf(round: RoundGroups, participants: Participant[], strategy: RoundStrategy): number {
  return mixerStats([round], { participants, strategies: [strategy] }).rounds[0].sharedShare;
}

describe('grouping engine: attributes and history', () => {
  const participants = sampleParticipants(60, 'fixture');

  for (const attribute of ['industry', 'ageBand', 'lifeStage'] as const) {
    it(`GIVEN a shared ${attribute} round among other rounds THEN its share of same-${attribute} pairs is at least 90% of sort-and-chunk`, () => {
      const rounds = [shared('industry'), shared('ageBand'), shared('lifeStage'), mixed];
      const plan = planMixer({ participants, groupSize: 4, rounds, seed: 7 });
      const index = rounds.findIndex((r) => r.kind === 'shared' && r.attribute === attribute);
      const baseline = shareOf(sortAndChunk(participants, 4, attribute), participants, shared(attribute));
      expect(plan.stats.rounds[index].sharedShare).to.be.at.least(0.9 * baseline);
      expect(plan.stats.repeatPairs).to.equal(0);
    });
  }

  it('GIVEN a mixed round THEN fewer pairs share attributes than under random assignment', () => {
    const plan = planMixer({ participants, groupSize: 5, rounds: [mixed], seed: 3 });
    const rng = new Rng('random');
    const sizes = groupSizes(participants.length, 5);
    let randomShare = 0;
    for (let trial = 0; trial < 20; trial++) {
      const ids = rng.shuffle(participants.map((_, i) => i)).map((i) => participants[i].id);
      let at = 0;
      randomShare +=
        shareOf(
          sizes.map((s) => ids.slice(at, (at += s))),
          participants,
          mixed,
        ) / 20;
    }
    expect(plan.stats.rounds[0].sharedShare).to.be.below(randomShare);
    expect(plan.stats.rounds[0].sharedShare).to.be.below(0.8 * randomShare);
  });

  it('GIVEN people with no answer for the round attribute THEN they are still placed in every round', () => {
    const some = sampleParticipants(30, 'blank').map((p, i) =>
      i % 3 === 0 ? { id: p.id, attributes: {} } : p,
    );
    some.push({ id: 'empty-list', attributes: { lifeStage: [], industry: '  ' } });
    const plan = planMixer({
      participants: some,
      groupSize: 4,
      rounds: [shared('industry'), shared('lifeStage')],
      seed: 1,
    });
    const ids = some.map((p) => p.id).sort();
    for (const round of plan.rounds) expect(round.flat().sort()).to.deep.equal(ids);
  });

  it('GIVEN a pair who met yesterday THEN they are not grouped together when it can be avoided', () => {
    const group = sampleParticipants(12, 'history');
    const history: PairHistoryEntry[] = [
      { a: 'p0', b: 'p1', count: 1, lastMetAt: daysAgo(1) },
      { a: 'p2', b: 'p3', count: 2, lastMetAt: daysAgo(1) },
      { a: 'p4', b: 'p5', count: 1, lastMetAt: daysAgo(1) },
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = planMixer({
        participants: group,
        groupSize: 4,
        rounds: [shared('industry')],
        history,
        now,
        seed,
      });
      expect(plan.stats.historyPairsReMet, `seed ${seed}`).to.equal(0);
    }
  });

  it('GIVEN someone must sit with two people met before THEN the long-ago single meetings win over frequent recent ones', () => {
    const six: Participant[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, attributes: {} }));
    const history: PairHistoryEntry[] = [
      { a: 'a', b: 'b', count: 1, lastMetAt: daysAgo(200) },
      { a: 'a', b: 'c', count: 1, lastMetAt: daysAgo(300) },
      { a: 'a', b: 'd', count: 4, lastMetAt: daysAgo(2) },
      { a: 'a', b: 'e', count: 1, lastMetAt: daysAgo(3) },
      { a: 'a', b: 'f', count: 3, lastMetAt: daysAgo(20) },
    ];
    const plan = planMixer({ participants: six, groupSize: 3, rounds: [mixed], history, now, seed: 1 });
    const withA = plan.rounds[0].find((g) => g.includes('a'))!;
    expect([...withA].sort()).to.deep.equal(['a', 'b', 'c']);
  });

  it('GIVEN history entries THEN recent and frequent meetings weigh more', () => {
    const weight = (count: number, days: number) =>
      historyWeight({ a: 'x', b: 'y', count, lastMetAt: daysAgo(days) }, now);
    expect(weight(1, 1)).to.be.greaterThan(weight(1, 90));
    expect(weight(3, 30)).to.be.greaterThan(weight(1, 30));
    expect(weight(0, 1)).to.equal(0);
  });
});
