import { expect } from 'chai';
import {
  expectedFirstTransitionSeconds,
  expectedTransitionSeconds,
  roomAccessFor,
} from '../../../../shared/deepen/mixer/transition-estimate.js';

describe('mixer room access and the first transition (Discord: 100 overwrites per create body)', () => {
  it('GIVEN 98 people THEN each is named (with @everyone and the bot: 100); 99 THEN the role', () => {
    expect(roomAccessFor(14)).to.equal('members');
    expect(roomAccessFor(98)).to.equal('members');
    expect(roomAccessFor(99)).to.equal('role');
  });

  it('GIVEN a lower body cap THEN the role comes sooner (the option tests use)', () => {
    expect(roomAccessFor(8, 10)).to.equal('members');
    expect(roomAccessFor(9, 10)).to.equal('role');
  });

  it('adds no role-grant time when the rooms name their people, one grant per participant otherwise', () => {
    expect(expectedFirstTransitionSeconds(13)).to.equal(expectedTransitionSeconds(13));
    expect(expectedFirstTransitionSeconds(40)).to.equal(40);
    expect(expectedFirstTransitionSeconds(200)).to.equal(400);
    expect(expectedFirstTransitionSeconds(13, 'role')).to.equal(26);
    expect(expectedFirstTransitionSeconds(13, 'members')).to.equal(13);
  });
});
