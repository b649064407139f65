import { expect } from 'chai';
import {
  cohortPeople,
  creditOf,
  distinctPeople,
  rankConnectors,
  type CountedInvite,
  type CountedJoin,
  type MemberState,
} from '../../../shared/connect/invite-counts.js';
import { cohortSpellings, labelKey, normaliseLabel } from '../../../shared/connect/invite-labels.js';
import { DomainError } from '../../../shared/errors.js';

const BOT = 'bot';
const inv = (code: string, over: Partial<CountedInvite> = {}): CountedInvite => ({
  code,
  kind: 'discord',
  label: null,
  uses: 0,
  seenJoins: 0,
  inviterId: null,
  createdBy: null,
  inviterErased: false,
  ...over,
});
let rowId = 0;
const joinOf = (code: string, userId: string | null, repeat = false): CountedJoin => ({
  id: `r${++rowId}`,
  userId,
  code,
  repeat,
});
const here: MemberState = { leftAt: null, introducedAt: null };
const introduced: MemberState = { leftAt: null, introducedAt: new Date('2026-01-02') };
const gone: MemberState = { leftAt: new Date('2026-01-03'), introducedAt: new Date('2026-01-02') };

describe('invite counts (pure)', () => {
  describe('creditOf', () => {
    it('GIVEN an invite the bot made for someone THEN credits that person, not the bot', () => {
      expect(creditOf({ inviterId: BOT, createdBy: 'aiko', inviterErased: false })).to.equal('aiko');
    });
    it('GIVEN an invite made in Discord THEN credits Discord’s inviter', () => {
      expect(creditOf({ inviterId: 'ken', createdBy: null, inviterErased: false })).to.equal('ken');
    });
    it('GIVEN the credited person was erased THEN credits nobody (not the bot either)', () => {
      expect(creditOf({ inviterId: BOT, createdBy: null, inviterErased: true })).to.equal(null);
    });
  });

  describe('distinctPeople', () => {
    it('GIVEN a member who came back through the same link THEN counts them once', () => {
      expect(distinctPeople([joinOf('a', 'u1'), joinOf('a', 'u1', true), joinOf('a', 'u2')])).to.have.length(
        2,
      );
    });
    it('GIVEN erased rows THEN each first join still counts as one person, a repeat does not', () => {
      expect(distinctPeople([joinOf('a', null), joinOf('a', null), joinOf('a', null, true)])).to.have.length(
        2,
      );
    });
  });

  describe('rankConnectors', () => {
    const invites = [
      inv('cohort', {
        kind: 'cohort',
        label: 'Sales',
        inviterId: BOT,
        createdBy: 'org',
        uses: 3,
        seenJoins: 3,
      }),
      inv('aiko', { kind: 'personal', inviterId: BOT, createdBy: 'aiko', uses: 4, seenJoins: 4 }),
      inv('ken', { inviterId: 'ken', uses: 9, seenJoins: 0 }),
      inv('old', { inviterId: 'mei', uses: 1, seenJoins: 1 }),
    ];
    const joins = [
      joinOf('cohort', 'p1'),
      joinOf('cohort', 'p1', true),
      joinOf('cohort', 'p2'),
      joinOf('aiko', 'p3'),
      joinOf('aiko', 'p4'),
      joinOf('aiko', 'p5'),
    ];
    const members = new Map<string, MemberState>([
      ['p1', introduced],
      ['p2', gone],
      ['p3', here],
      ['p4', here],
      ['p5', gone],
    ]);
    const rows = rankConnectors(invites, joins, members);

    it('ranks people by members who stayed, then introduced, then brought in', () => {
      expect(rows.map((r) => [r.inviterId, r.stayed, r.introduced, r.joins])).to.deep.equal([
        ['aiko', 2, 1, 3],
        ['org', 1, 2, 2],
        ['mei', 0, 0, 0],
      ]);
    });

    it('keeps Discord’s uses apart from the people brought in', () => {
      expect(rows.find((r) => r.inviterId === 'org')).to.deep.include({ uses: 3, joins: 2 });
    });

    it('leaves out people whose invites only have uses from before Tsunagu watched', () => {
      expect(rows.map((r) => r.inviterId)).to.not.include('ken');
    });

    it('says which cohort or personal link the members came through', () => {
      expect(rows[0]?.sources).to.deep.equal([{ kind: 'personal', label: null, people: 3 }]);
      expect(rows[1]?.sources).to.deep.equal([{ kind: 'cohort', label: 'Sales', people: 2 }]);
    });
  });

  it('counts one person once per cohort even through two of its links', () => {
    const invites = [inv('a', { label: 'Sales' }), inv('b', { label: 'Sales' }), inv('c', { label: 'Eng' })];
    const people = cohortPeople(invites, [joinOf('a', 'p1'), joinOf('b', 'p1'), joinOf('c', 'p1')]);
    expect([...people]).to.have.deep.members([
      ['Sales', 1],
      ['Eng', 1],
    ]);
  });

  describe('labels', () => {
    it('GIVEN spellings of one cohort THEN they share a key', () => {
      expect(labelKey('２０２５ Leavers  – SALES')).to.equal(labelKey('2025 leavers – sales'));
    });
    it('GIVEN 101 characters THEN refuses; 100 emoji THEN accepts (counted in characters)', () => {
      expect(() => normaliseLabel('x'.repeat(101)))
        .to.throw(DomainError)
        .with.property('i18nKey', 'connect.invite.error.labelTooLong');
      expect(normaliseLabel('🎉'.repeat(100))).to.have.length(200);
    });
  });

  describe('cohortSpellings', () => {
    it('GIVEN records oldest first, with and without a stored key THEN each cohort takes its first spelling', () => {
      expect(
        cohortSpellings([
          { label: 'Sales' },
          { label: null },
          { label: 'ＳＡＬＥＳ', labelKey: 'sales' },
          { label: 'Eng 2024' },
          { label: 'sales ' },
          { label: 'eng  2024', labelKey: null },
        ]),
      ).to.deep.equal(['Sales', null, 'Sales', 'Eng 2024', 'Sales', 'Eng 2024']);
    });
  });

  describe('rankConnectors and a member back through their own link', () => {
    it('GIVEN Aiko rejoined through her own personal link THEN she is not one of the people she brought in', () => {
      const invites = [inv('mine', { kind: 'personal', createdBy: 'aiko', inviterId: BOT, uses: 2 })];
      const joins = [joinOf('mine', 'aiko'), joinOf('mine', 'ken')];
      const [row] = rankConnectors(
        invites,
        joins,
        new Map([
          ['ken', here],
          ['aiko', here],
        ]),
      );
      expect(row).to.deep.include({ inviterId: 'aiko', joins: 1, stayed: 1, uses: 2 });
    });
  });
});
