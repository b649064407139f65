import { expect } from 'chai';
import { formatDate } from '../../../sandbox/store/date-format.js';
import { parseDate } from '../../../sandbox/store/date-parse.js';
import { dateTrunc } from '../../../sandbox/store/date-trunc.js';

const utc = (iso: string): Date => new Date(iso);

describe('store date corrections', () => {
  describe('dateTrunc', () => {
    // 2024-03-10T16:30Z is 2024-03-11 01:30 (Monday) in Tokyo and 12:30 EDT on the day DST starts in New York.
    const instant = utc('2024-03-10T16:30:00Z');

    it('truncates to the local day in Asia/Tokyo', () => {
      expect(dateTrunc({ date: instant, unit: 'day', timezone: 'Asia/Tokyo' })).to.deep.equal(
        utc('2024-03-10T15:00:00Z'),
      );
    });

    it('truncates to the week starting on the requested day', () => {
      expect(
        dateTrunc({ date: instant, unit: 'week', timezone: 'Asia/Tokyo', startOfWeek: 'monday' }),
      ).to.deep.equal(utc('2024-03-10T15:00:00Z'));
      expect(dateTrunc({ date: instant, unit: 'week', timezone: 'Asia/Tokyo' })).to.deep.equal(
        utc('2024-03-09T15:00:00Z'),
      );
    });

    it('uses the standard-time offset for a month that started before a DST change', () => {
      expect(dateTrunc({ date: instant, unit: 'month', timezone: 'America/New_York' })).to.deep.equal(
        utc('2024-03-01T05:00:00Z'),
      );
    });

    it('bins hours from local midnight with binSize, also in half-hour offsets', () => {
      expect(dateTrunc({ date: instant, unit: 'hour', binSize: 2, timezone: 'Asia/Kolkata' })).to.deep.equal(
        utc('2024-03-10T16:30:00Z'),
      );
      expect(dateTrunc({ date: instant, unit: 'quarter' })).to.deep.equal(utc('2024-01-01T00:00:00Z'));
    });

    it('rejects unknown units and time zones', () => {
      expect(() => dateTrunc({ date: instant, unit: 'fortnight' })).to.throw(/time unit/);
      expect(() => dateTrunc({ date: instant, unit: 'day', timezone: 'Mars/Olympus' })).to.throw(/time zone/);
    });
  });

  describe('formatDate', () => {
    it('formats MongoDB specifiers in a time zone, %w counting from Sunday = 1 and %Z signed', () => {
      const text = formatDate(
        utc('2026-03-01T16:00:00Z'),
        '%Y-%m-%d %H:%M:%S.%L %j %w %u %V %G %z %Z',
        'Asia/Tokyo',
      );
      expect(text).to.equal('2026-03-02 01:00:00.000 061 2 1 10 2026 +0900 +540');
    });

    it('defaults to the ISO format in UTC and supports fixed offsets', () => {
      expect(formatDate(utc('2026-03-01T16:00:00Z'))).to.equal('2026-03-01T16:00:00.000Z');
      expect(formatDate(utc('2026-03-01T16:00:00Z'), '%H:%M %z', '-03:30')).to.equal('12:30 -0330');
    });
  });

  describe('parseDate', () => {
    it('reads a wall-clock string in the given time zone', () => {
      expect(parseDate('2026-03-02 01:00', undefined, 'Asia/Tokyo')).to.deep.equal(
        utc('2026-03-01T16:00:00Z'),
      );
    });

    it('honours an offset inside the string and a custom format', () => {
      expect(parseDate('2026-03-02T01:00:00+09:00')).to.deep.equal(utc('2026-03-01T16:00:00Z'));
      expect(parseDate('02/03/2026', '%d/%m/%Y')).to.deep.equal(utc('2026-03-02T00:00:00Z'));
    });

    it('rejects impossible dates', () => {
      expect(() => parseDate('2026-02-30')).to.throw(/parsing date/);
    });
  });
});
