import { expect } from 'chai';
import {
  addMonths,
  cameBack,
  cohorts,
  filterMembers,
  funnel,
  type MemberFacts,
} from '../../../shared/insights/funnel.js';

const d = (iso: string) => new Date(iso);
const m = (userId: string, facts: Partial<MemberFacts>): MemberFacts => ({
  userId,
  joinedAt: null,
  leftAt: null,
  leaveYear: null,
  cohort: null,
  introducedAt: null,
  attendances: [],
  ...facts,
});

/**
 * Eight people, hand-counted:
 * joined 8 (h has no join date: not counted) → introduced 5 (a b c d e) → attended 4 (a b c d;
 * f attended without an intro: not in the nested funnel) → came back 2 (a: 30 days; b: 60 days
 * exactly; c: 61 days, no; d: once).
 */
const PEOPLE: MemberFacts[] = [
  m('a', {
    joinedAt: d('2026-01-05T00:00:00Z'),
    introducedAt: d('2026-01-06T00:00:00Z'),
    leaveYear: 2020,
    cohort: 'Sales 2020',
    attendances: [d('2026-02-01T10:00:00Z'), d('2026-03-03T10:00:00Z')],
  }),
  m('b', {
    joinedAt: d('2026-01-20T00:00:00Z'),
    introducedAt: d('2026-01-21T00:00:00Z'),
    leaveYear: 2020,
    attendances: [d('2026-04-01T10:00:00Z'), d('2026-01-31T10:00:00Z')],
  }),
  m('c', {
    joinedAt: d('2026-01-31T16:00:00Z'),
    introducedAt: d('2026-02-02T00:00:00Z'),
    leaveYear: 2021,
    cohort: 'Sales 2020',
    attendances: [d('2026-02-01T10:00:00Z'), d('2026-04-03T10:00:00Z')],
  }),
  m('d', {
    joinedAt: d('2026-02-10T00:00:00Z'),
    introducedAt: d('2026-02-11T00:00:00Z'),
    leaveYear: 2021,
    attendances: [d('2026-02-20T10:00:00Z')],
  }),
  m('e', {
    joinedAt: d('2026-02-12T00:00:00Z'),
    introducedAt: d('2026-02-13T00:00:00Z'),
    cohort: 'Sales 2020',
  }),
  m('f', { joinedAt: d('2026-02-15T00:00:00Z'), attendances: [d('2026-02-20T10:00:00Z')] }),
  m('g', { joinedAt: d('2026-03-01T00:00:00Z'), leftAt: d('2026-03-10T00:00:00Z') }),
  m('h', { introducedAt: d('2026-03-02T00:00:00Z') }),
  m('i', { joinedAt: d('2026-03-05T00:00:00Z') }),
];

describe('activation funnel and retention cohorts (hand-computed fixture)', () => {
  it('GIVEN the fixture THEN joined 8 → introduced 5 → attended 4 → came back 2 → collaborated not measured', () => {
    const steps = funnel(PEOPLE);
    expect(steps.map((s) => s.count)).to.deep.equal([8, 5, 4, 2, null]);
    expect(steps.map((s) => s.conversion)).to.deep.equal([null, 5 / 8, 4 / 5, 2 / 4, null]);
    expect(steps[3]!.ofJoined).to.equal(2 / 8);
  });

  it('GIVEN 60 days exactly THEN it counts as coming back; 61 days does not', () => {
    expect(cameBack([d('2026-01-31T10:00:00Z'), d('2026-04-01T10:00:00Z')])).to.equal(true);
    expect(cameBack([d('2026-02-01T10:00:00Z'), d('2026-04-03T10:00:00Z')])).to.equal(false);
  });

  it('GIVEN filters THEN join month is the guild’s local month (16:00Z on 31 Jan is February in Tokyo)', () => {
    const jan = filterMembers(PEOPLE, { joinMonth: '2026-01' }, 'Asia/Tokyo');
    expect(jan.map((p) => p.userId)).to.deep.equal(['a', 'b']);
    expect(filterMembers(PEOPLE, { joinMonth: '2026-01' }, 'UTC').map((p) => p.userId)).to.deep.equal([
      'a',
      'b',
      'c',
    ]);
    expect(
      funnel(filterMembers(PEOPLE, { leaveYear: 2021 }, 'Asia/Tokyo')).map((s) => s.count),
    ).to.deep.equal([2, 2, 2, 0, null]);
    expect(
      funnel(filterMembers(PEOPLE, { cohort: 'Sales 2020' }, 'Asia/Tokyo')).map((s) => s.count),
    ).to.deep.equal([3, 3, 2, 1, null]);
  });

  it('GIVEN active months THEN each join month shows how many were active in each month since, none in the future', () => {
    const active = new Map([
      ['a', new Set(['2026-01', '2026-03'])],
      ['b', new Set(['2026-01', '2026-02'])],
      ['c', new Set(['2026-02'])],
      ['d', new Set(['2026-03'])],
      ['g', new Set(['2026-03'])],
    ]);
    const rows = cohorts(PEOPLE, active, 'Asia/Tokyo', d('2026-03-20T00:00:00Z'));
    expect(rows).to.deep.equal([
      { month: '2026-01', size: 2, active: [2, 1, 1] },
      { month: '2026-02', size: 4, active: [1, 1] }, // c (Tokyo February), d, e, f
      { month: '2026-03', size: 2, active: [1] },
    ]);
  });

  it('GIVEN month arithmetic THEN it crosses years', () => {
    expect(addMonths('2025-11', 3)).to.equal('2026-02');
    expect(addMonths('2026-01', 0)).to.equal('2026-01');
  });
});
