import { expect } from 'chai';
import { sharedAttributes, toParticipant } from '../../../../shared/deepen/mixer/participants.js';

describe('mixer: what a group shares, for its prompt', () => {
  const a = toParticipant('a', {
    userId: 'a',
    industry: 'it',
    lifeStages: ['parenting', 'sideBusiness'],
    leaveYear: 2021,
  });
  const b = toParticipant('b', { userId: 'b', industry: 'it', lifeStages: ['parenting'], leaveYear: 2020 });

  it('reads a profile into engine attributes, leaving unanswered ones out', () => {
    expect(a.attributes).to.deep.equal({
      industry: 'it',
      lifeStage: ['parenting', 'sideBusiness'],
      leaveYear: '2021',
    });
    expect(toParticipant('x', undefined).attributes).to.deep.equal({});
  });

  it('lists what every member shares, labelled in the guild language', () => {
    expect(sharedAttributes([a, b], 'en').map((s) => [s.attribute, s.key])).to.deep.equal([
      ['industry', 'it'],
      ['lifeStage', 'parenting'],
    ]);
    const ja = sharedAttributes([a, b], 'ja').find((s) => s.attribute === 'lifeStage');
    expect(ja?.value).to.equal('子育て中');
  });

  it('shares nothing in a group with someone who gave no answers', () => {
    expect(sharedAttributes([a, toParticipant('c', undefined)], 'en')).to.deep.equal([]);
  });
});
