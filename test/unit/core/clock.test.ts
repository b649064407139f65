import { expect } from 'chai';
import { addDays, isValidTimeZone, localDay } from '../../../shared/clock.js';

describe('clock helpers', () => {
  it('GIVEN 00:30 in Tokyo (15:30 UTC the day before) THEN the event counts on the Tokyo day', () => {
    expect(localDay(new Date('2026-03-31T15:30:00Z'), 'Asia/Tokyo')).to.equal('2026-04-01');
    expect(localDay(new Date('2026-03-31T15:30:00Z'), 'Europe/London')).to.equal('2026-03-31');
  });

  it('accepts IANA zones and rejects offsets, abbreviations and junk', () => {
    expect(['Asia/Tokyo', 'America/Argentina/Buenos_Aires', 'UTC'].map(isValidTimeZone)).to.deep.equal([
      true,
      true,
      true,
    ]);
    expect(['JST', '+09:00', 'Mars/Olympus', ''].map(isValidTimeZone)).to.deep.equal([
      false,
      false,
      false,
      false,
    ]);
  });

  it('adds whole and fractional days', () => {
    expect(addDays(new Date('2026-01-01T00:00:00Z'), 1.5).toISOString()).to.equal('2026-01-02T12:00:00.000Z');
  });
});
