import { expect } from 'chai';
import { waitFigures } from '../../../shared/know/relay-dashboard.js';

const now = new Date('2026-05-10T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('relay wait figures', () => {
  it('GIVEN nothing waiting THEN count 0 and no median or longest', () => {
    expect(waitFigures([], now)).to.deep.equal({ count: 0, medianMs: null, longestMs: null });
  });

  it('GIVEN an odd number of waits THEN the median is the middle one and the longest the oldest', () => {
    const f = waitFigures([daysAgo(1), daysAgo(9), daysAgo(4)], now);
    expect(f).to.deep.equal({ count: 3, medianMs: 4 * 86_400_000, longestMs: 9 * 86_400_000 });
  });

  it('GIVEN an even number of waits THEN the median is the mean of the two middle ones', () => {
    const f = waitFigures([daysAgo(2), daysAgo(4), daysAgo(6), daysAgo(8)], now);
    expect(f.medianMs).to.equal(5 * 86_400_000);
  });

  it('GIVEN a date after now (clock skew) THEN that wait counts as zero, never negative', () => {
    expect(waitFigures([new Date(now.getTime() + 5000)], now).longestMs).to.equal(0);
  });
});
