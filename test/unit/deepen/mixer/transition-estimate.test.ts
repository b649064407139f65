import { expect } from 'chai';
import {
  expectedTransitionSeconds,
  moveFloorMs,
  secondsLeft,
} from '../../../../shared/deepen/mixer/transition-estimate.js';

describe('mixer transition times from the member-move bucket (10 per 10 s)', () => {
  it('GIVEN 10 moves THEN the floor is 0 (one burst); 11 moves THEN one window; 40 THEN three', () => {
    expect(moveFloorMs(10)).to.equal(0);
    expect(moveFloorMs(11)).to.equal(10_000);
    expect(moveFloorMs(40)).to.equal(30_000);
  });

  it('announces about one second per move', () => {
    expect(expectedTransitionSeconds(0)).to.equal(0);
    expect(expectedTransitionSeconds(13)).to.equal(13);
    expect(expectedTransitionSeconds(40)).to.equal(40);
  });

  it('estimates what is left from the pace seen once a burst has passed', () => {
    expect(secondsLeft(0, 40, 0)).to.equal(40);
    expect(secondsLeft(20, 40, 20_000)).to.equal(20);
    expect(secondsLeft(40, 40, 30_000)).to.equal(0);
  });
});
