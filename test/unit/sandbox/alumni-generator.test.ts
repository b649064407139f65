import { expect } from 'chai';
import { generateAlumni } from '../../../sandbox/community/alumni-generator.js';
import { INDUSTRIES, REGIONS } from '../../../shared/kernel/profile-attributes.js';

describe('simulated alumni', () => {
  const now = new Date('2026-11-24T00:00:00Z');

  it('gives the same people for the same seed', () => {
    expect(generateAlumni(20, 7, now)).to.deep.equal(generateAlumni(20, 7, now));
  });

  it('gives 150 alumni with unique usernames and values from the domain lists', () => {
    const alumni = generateAlumni(150, 1, now);
    expect(alumni).to.have.length(150);
    expect(new Set(alumni.map((a) => a.username)).size).to.equal(150);
    expect(new Set(alumni.map((a) => a.displayName)).size, 'two people with the same name').to.equal(150);
    for (const a of alumni) {
      expect(INDUSTRIES).to.include(a.industry);
      expect(REGIONS).to.include(a.region);
      expect(a.leaveYear).to.be.within(2012, 2026);
      expect(a.username).to.match(/^[a-z0-9._]{2,32}$/);
    }
  });

  it('varies the profiles (several industries, both languages present in a large community)', () => {
    const alumni = generateAlumni(150, 1, now);
    expect(new Set(alumni.map((a) => a.industry)).size).to.be.greaterThan(8);
    expect(alumni.some((a) => a.locale === 'en-US')).to.equal(true);
    expect(alumni.some((a) => a.locale === 'ja')).to.equal(true);
  });
});
