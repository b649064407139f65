/**
 * Conformance: date expressions with time zones — $dateTrunc, $dateToString and the date part
 * operators. Every expected date is computed by hand from the zone's offset (JST is UTC+9 with
 * no DST; New York switches to EDT, UTC-4, at 02:00 local on 2026-03-08; India is UTC+5:30),
 * never read from the store. 2026-03-01 is a Sunday.
 */
import { expect } from 'chai';
import { useDriver } from '../../support/database.js';
import { seedSales, utc } from './support/fixtures.js';
import { looseCollection } from './support/target.js';

describe('store conformance: aggregation date expressions', () => {
  const { db } = useDriver('aggdates');
  const sales = () => seedSales(db());

  describe('$dateTrunc', () => {
    it('truncates to the day in Asia/Tokyo (midnight JST is 15:00 UTC the day before)', async () => {
      const c = await sales();
      const days = await c
        .aggregate([
          {
            $group: {
              _id: { $dateTrunc: { date: '$at', unit: 'day', timezone: 'Asia/Tokyo' } },
              n: { $sum: 1 },
              qty: { $sum: '$qty' },
            },
          },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      expect(days).to.deep.equal([
        { _id: utc('2026-02-28T15:00:00Z'), n: 1, qty: 3 },
        { _id: utc('2026-03-01T15:00:00Z'), n: 3, qty: 9 },
        { _id: utc('2026-03-02T15:00:00Z'), n: 1, qty: 1 },
      ]);
    });

    it('truncates by day, week, month, year and hour in several zones', async () => {
      const c = looseCollection(db(), 'instants');
      await c.insertMany([
        { _id: 'sun-23h-jst', at: utc('2026-03-01T14:00:00Z') },
        { _id: 'mon-01h-jst', at: utc('2026-03-01T16:00:00Z') },
        { _id: 'sat-2330-jst', at: utc('2026-02-28T14:30:00Z') },
        { _id: 'new-year-jst', at: utc('2025-12-31T15:30:00Z') },
      ]);
      const tz = 'Asia/Tokyo';
      const rows = await c
        .aggregate([
          { $sort: { _id: 1 } },
          {
            $project: {
              dayUtc: { $dateTrunc: { date: '$at', unit: 'day' } },
              dayTokyo: { $dateTrunc: { date: '$at', unit: 'day', timezone: tz } },
              dayOffset: { $dateTrunc: { date: '$at', unit: 'day', timezone: '+09:00' } },
              weekSunday: { $dateTrunc: { date: '$at', unit: 'week', timezone: tz } },
              weekMonday: { $dateTrunc: { date: '$at', unit: 'week', timezone: tz, startOfWeek: 'monday' } },
              month: { $dateTrunc: { date: '$at', unit: 'month', timezone: tz } },
              year: { $dateTrunc: { date: '$at', unit: 'year', timezone: tz } },
              hourKolkata: { $dateTrunc: { date: '$at', unit: 'hour', timezone: 'Asia/Kolkata' } },
              quarterHour: { $dateTrunc: { date: '$at', unit: 'minute', binSize: 15 } },
            },
          },
        ])
        .toArray();
      const byId = Object.fromEntries(rows.map((r) => [r._id as string, r]));
      expect(byId['mon-01h-jst']).to.deep.equal({
        _id: 'mon-01h-jst',
        dayUtc: utc('2026-03-01T00:00:00Z'),
        dayTokyo: utc('2026-03-01T15:00:00Z'),
        dayOffset: utc('2026-03-01T15:00:00Z'),
        weekSunday: utc('2026-02-28T15:00:00Z'),
        weekMonday: utc('2026-03-01T15:00:00Z'),
        month: utc('2026-02-28T15:00:00Z'),
        year: utc('2025-12-31T15:00:00Z'),
        hourKolkata: utc('2026-03-01T15:30:00Z'),
        quarterHour: utc('2026-03-01T16:00:00Z'),
      });
      expect(byId['sun-23h-jst']).to.deep.equal({
        _id: 'sun-23h-jst',
        dayUtc: utc('2026-03-01T00:00:00Z'),
        dayTokyo: utc('2026-02-28T15:00:00Z'),
        dayOffset: utc('2026-02-28T15:00:00Z'),
        weekSunday: utc('2026-02-28T15:00:00Z'),
        weekMonday: utc('2026-02-22T15:00:00Z'),
        month: utc('2026-02-28T15:00:00Z'),
        year: utc('2025-12-31T15:00:00Z'),
        hourKolkata: utc('2026-03-01T13:30:00Z'),
        quarterHour: utc('2026-03-01T14:00:00Z'),
      });
      expect(byId['sat-2330-jst']).to.deep.equal({
        _id: 'sat-2330-jst',
        dayUtc: utc('2026-02-28T00:00:00Z'),
        dayTokyo: utc('2026-02-27T15:00:00Z'),
        dayOffset: utc('2026-02-27T15:00:00Z'),
        weekSunday: utc('2026-02-21T15:00:00Z'),
        weekMonday: utc('2026-02-22T15:00:00Z'),
        month: utc('2026-01-31T15:00:00Z'),
        year: utc('2025-12-31T15:00:00Z'),
        hourKolkata: utc('2026-02-28T14:30:00Z'),
        quarterHour: utc('2026-02-28T14:30:00Z'),
      });
      expect(byId['new-year-jst']).to.deep.include({
        dayUtc: utc('2025-12-31T00:00:00Z'),
        dayTokyo: utc('2025-12-31T15:00:00Z'),
        month: utc('2025-12-31T15:00:00Z'),
        year: utc('2025-12-31T15:00:00Z'),
      });
    });

    it('accounts for daylight saving time (America/New_York on the 2026-03-08 switch)', async () => {
      const c = looseCollection(db(), 'dst');
      // 12:00 UTC is 08:00 EDT; local midnight that day was still EST (UTC-5), i.e. 05:00 UTC.
      await c.insertOne({ _id: 1, at: utc('2026-03-08T12:00:00Z') });
      const [row] = await c
        .aggregate([
          { $project: { day: { $dateTrunc: { date: '$at', unit: 'day', timezone: 'America/New_York' } } } },
        ])
        .toArray();
      expect(row).to.deep.equal({ _id: 1, day: utc('2026-03-08T05:00:00Z') });
    });

    it('returns null for a missing date', async () => {
      const c = looseCollection(db(), 'nodate');
      await c.insertOne({ _id: 1 });
      const [row] = await c
        .aggregate([
          { $project: { day: { $dateTrunc: { date: '$at', unit: 'day', timezone: 'Asia/Tokyo' } } } },
        ])
        .toArray();
      expect(row).to.deep.equal({ _id: 1, day: null });
    });
  });

  describe('date part operators', () => {
    it('read the calendar fields in the given time zone', async () => {
      const c = looseCollection(db(), 'parts');
      await c.insertOne({ _id: 1, at: utc('2026-03-01T16:00:00.123Z') });
      const [row] = await c
        .aggregate([
          {
            $project: {
              _id: 0,
              parts: { $dateToParts: { date: '$at', timezone: 'Asia/Tokyo' } },
              hourUtc: { $hour: '$at' },
              hourTokyo: { $hour: { date: '$at', timezone: 'Asia/Tokyo' } },
              dayOfWeekTokyo: { $dayOfWeek: { date: '$at', timezone: 'Asia/Tokyo' } },
              dayOfMonthTokyo: { $dayOfMonth: { date: '$at', timezone: 'Asia/Tokyo' } },
              fromParts: {
                $dateFromParts: { year: 2026, month: 3, day: 2, hour: 1, timezone: 'Asia/Tokyo' },
              },
              fromString: { $dateFromString: { dateString: '2026-03-02T01:00:00', timezone: 'Asia/Tokyo' } },
            },
          },
        ])
        .toArray();
      expect(row).to.deep.equal({
        parts: { year: 2026, month: 3, day: 2, hour: 1, minute: 0, second: 0, millisecond: 123 },
        hourUtc: 16,
        hourTokyo: 1,
        // $dayOfWeek counts from Sunday = 1; 2 March 2026 (JST) is a Monday.
        dayOfWeekTokyo: 2,
        dayOfMonthTokyo: 2,
        fromParts: utc('2026-03-01T16:00:00Z'),
        fromString: utc('2026-03-01T16:00:00Z'),
      });
    });
  });

  describe('$dateToString', () => {
    it('formats in a time zone with the documented specifiers', async () => {
      const c = looseCollection(db(), 'formatted');
      await c.insertOne({ _id: 1, at: utc('2026-03-01T16:00:00.123Z') });
      const [row] = await c
        .aggregate([
          {
            $project: {
              _id: 0,
              plain: { $dateToString: { date: '$at' } },
              tokyo: {
                $dateToString: { date: '$at', format: '%Y-%m-%d %H:%M:%S.%L', timezone: 'Asia/Tokyo' },
              },
              parts: { $dateToString: { date: '$at', format: '%j %w %u %z %Z', timezone: 'Asia/Tokyo' } },
              offset: { $dateToString: { date: '$at', format: '%d/%m/%Y %H:%M', timezone: '+05:30' } },
              newYork: { $dateToString: { date: '$at', format: '%H:%M', timezone: 'America/New_York' } },
              missing: { $dateToString: { date: '$nope', format: '%Y' } },
              onNull: { $dateToString: { date: '$nope', format: '%Y', onNull: 'none' } },
            },
          },
        ])
        .toArray();
      expect(row).to.deep.equal({
        plain: '2026-03-01T16:00:00.123Z',
        tokyo: '2026-03-02 01:00:00.123',
        // 2 March is day 61 of 2026; a Monday: %w counts from Sunday = 1, %u (ISO) from Monday = 1.
        parts: '061 2 1 +0900 +540',
        offset: '01/03/2026 21:30',
        // 1 March is before the DST switch, so New York is UTC-5.
        newYork: '11:00',
        missing: null,
        onNull: 'none',
      });
    });

    it('groups by local calendar day in Asia/Tokyo', async () => {
      const c = await sales();
      const rows = await c
        .aggregate([
          {
            $group: {
              _id: { $dateToString: { date: '$at', format: '%Y-%m-%d', timezone: 'Asia/Tokyo' } },
              n: { $sum: 1 },
            },
          },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      expect(rows).to.deep.equal([
        { _id: '2026-03-01', n: 1 },
        { _id: '2026-03-02', n: 3 },
        { _id: '2026-03-03', n: 1 },
      ]);
    });
  });
});
