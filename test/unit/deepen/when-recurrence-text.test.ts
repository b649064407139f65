import { expect } from 'chai';
import { describeRecurrence, parseRecurrence } from '../../../shared/deepen/when/index.js';
import type { Recurrence } from '../../../shared/deepen/when/index.js';

const weekly: Recurrence = { kind: 'weekly', interval: 1, weekday: 6 };
const biweekly: Recurrence = { kind: 'weekly', interval: 2, weekday: 6 };
const second: Recurrence = { kind: 'monthlyNthWeekday', nth: 2, weekday: 6 };
const last: Recurrence = { kind: 'monthlyNthWeekday', nth: -1, weekday: 5 };
const weekdays: Recurrence = { kind: 'weekdays' };

describe('describeRecurrence', () => {
  const cases: [Recurrence, string, string][] = [
    [weekly, '毎週土曜', 'Every Saturday'],
    [biweekly, '隔週土曜', 'Every other Saturday'],
    [second, '毎月第2土曜', '2nd Saturday of every month'],
    [last, '毎月最終金曜', 'Last Friday of every month'],
    [weekdays, '平日', 'Weekdays'],
  ];
  for (const [rec, ja, en] of cases) {
    it(`describes ${JSON.stringify(rec)} as ${ja} / ${en}`, () => {
      expect(describeRecurrence(rec, 'ja')).to.equal(ja);
      expect(describeRecurrence(rec, 'en')).to.equal(en);
    });
  }

  it('adds the wall time: 毎週土曜 20:00 / Every Saturday at 20:00', () => {
    expect(describeRecurrence(weekly, 'ja', '20:00')).to.equal('毎週土曜 20:00');
    expect(describeRecurrence(weekly, 'en', '20:00')).to.equal('Every Saturday at 20:00');
  });
});

describe('parseRecurrence', () => {
  const start = '2026-11-14'; // the 2nd Saturday of November 2026
  const cases: [string, Recurrence][] = [
    ['毎週', weekly],
    ['隔週', biweekly],
    ['第2土曜', second],
    ['weekly', weekly],
    ['every 2 weeks', biweekly],
    ['monthly on the 2nd Saturday', second],
    ['weekdays', weekdays],
    ['毎週金曜日', { kind: 'weekly', interval: 1, weekday: 5 }],
    ['隔週 金曜', { kind: 'weekly', interval: 2, weekday: 5 }],
    ['every other Friday', { kind: 'weekly', interval: 2, weekday: 5 }],
    ['every Sunday', { kind: 'weekly', interval: 1, weekday: 7 }],
    ['毎月第２土曜日', second],
    ['毎月最終金曜', last],
    ['last Friday of the month', last],
    ['平日', weekdays],
    ['毎月', second],
    ['monthly', second],
  ];
  for (const [text, rec] of cases) {
    it(`reads "${text}" as ${describeRecurrence(rec, 'en')}`, () => {
      expect(parseRecurrence(text, start)).to.deep.equal(rec);
    });
  }

  it('reads 毎月 on a 5th weekday as the last one, since most months have no 5th', () => {
    expect(parseRecurrence('毎月', '2026-10-31')).to.deep.equal({
      kind: 'monthlyNthWeekday',
      nth: -1,
      weekday: 6,
    });
  });

  it('returns null for what it does not support, and for 毎週 without a start date', () => {
    for (const text of ['毎日', 'daily', 'every day', 'every 3 weeks', '毎月15日', 'そのうち']) {
      expect(parseRecurrence(text, start), text).to.equal(null);
    }
    expect(parseRecurrence('毎週')).to.equal(null);
  });
});
