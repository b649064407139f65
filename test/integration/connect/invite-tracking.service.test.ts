import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import {
  attributeJoin,
  cohortStats,
  createCohortInvite,
  inviteLeaderboard,
  markInviteDeleted,
  syncInvites,
  type InviteInfo,
} from '../../../shared/connect/invite-tracking.service.js';
import { recordJoin } from '../../../shared/connect/welcome.service.js';
import { InviteRecord } from '../../../shared/connect/invite-record.model.js';
import { JoinAttribution } from '../../../shared/connect/join-attribution.model.js';
import { attributionCounts, cohortInvites } from '../../../shared/connect/invite-reads.js';
import { getProfile } from '../../../shared/know/profile.service.js';
import type { DomainError } from '../../../shared/errors.js';

const guildId = '900000000000000005';
const inviter = { sales: '100000000000000101', eng: '100000000000000102', hr: '100000000000000103' };
const joiner = (n: number) => `1000000000000002${String(n).padStart(2, '0')}`;
const invites = (uses: Partial<Record<keyof typeof inviter, number>>, hrMax = 0): InviteInfo[] =>
  (Object.keys(inviter) as (keyof typeof inviter)[])
    .filter((code) => uses[code] !== undefined)
    .map((code) => ({
      code,
      uses: uses[code] as number,
      maxUses: code === 'hr' ? hrMax : 0,
      inviterId: inviter[code],
    }));

describe('invite tracking service (mongoose on the store)', () => {
  useMongoose('invites');
  before(() => ensureIndexes());

  beforeEach(async () => {
    await syncInvites({ guildId, invites: invites({ sales: 0, eng: 4, hr: 1 }, 2) });
    await createCohortInvite({
      guildId,
      invite: invites({ sales: 0 })[0] as InviteInfo,
      label: ' 2025 leavers –  Sales ',
      createdBy: inviter.sales,
    });
  });

  it('attributes three joins through three invites, each handled in turn, to the right inviter', async () => {
    const snapshots = [
      invites({ sales: 1, eng: 4, hr: 1 }, 2),
      invites({ sales: 1, eng: 5, hr: 1 }, 2),
      invites({ sales: 1, eng: 5 }),
    ];
    const results = [];
    for (const [n, snapshot] of snapshots.entries()) {
      await recordJoin({ guildId, userId: joiner(n) });
      results.push(await attributeJoin({ guildId, userId: joiner(n), invites: snapshot }));
    }
    expect(results.map((r) => [r.method, r.code, r.inviterId])).to.deep.equal([
      ['invite', 'sales', inviter.sales],
      ['invite', 'eng', inviter.eng],
      ['invite', 'hr', inviter.hr],
    ]);
    expect(results[0]?.label).to.equal('2025 leavers – Sales');
    expect((await getProfile(guildId, joiner(1)))?.invitedBy).to.equal(inviter.eng);
  });

  it('does not guess when three joins land before the first is handled: nobody is credited with a person, uses stay Discord’s', async () => {
    const afterAll = invites({ sales: 1, eng: 5 });
    const results = [];
    for (const n of [0, 1, 2])
      results.push(await attributeJoin({ guildId, userId: joiner(n), invites: afterAll }));
    expect(results.map((r) => r.method)).to.deep.equal(['ambiguous', 'ambiguous', 'ambiguous']);
    expect(results[2]?.candidateCodes).to.deep.equal(['eng', 'hr', 'sales']);
    const fourth = await attributeJoin({ guildId, userId: joiner(3), invites: afterAll });
    expect(fourth.method).to.equal('unknown');
    const board = await inviteLeaderboard(guildId);
    expect(board.map((r) => [r.inviterId, r.joins, r.uses])).to.have.deep.members([
      [inviter.sales, 0, 1],
      [inviter.eng, 0, 5],
      [inviter.hr, 0, 2],
    ]);
  });

  it('still attributes a join whose used-up invite was deleted before the join was handled', async () => {
    await markInviteDeleted({ guildId, code: 'hr' });
    const result = await attributeJoin({
      guildId,
      userId: joiner(0),
      invites: invites({ sales: 0, eng: 4 }),
    });
    expect(result).to.include({ method: 'invite', code: 'hr', inviterId: inviter.hr });
  });

  it('ranks inviters and cohorts by the joins they brought', async () => {
    await attributeJoin({ guildId, userId: joiner(0), invites: invites({ sales: 1, eng: 4, hr: 1 }, 2) });
    await attributeJoin({ guildId, userId: joiner(1), invites: invites({ sales: 2, eng: 4, hr: 1 }, 2) });
    await attributeJoin({ guildId, userId: joiner(2), invites: invites({ sales: 2, eng: 5, hr: 1 }, 2) });
    expect((await inviteLeaderboard(guildId)).map((r) => [r.inviterId, r.joins])).to.deep.equal([
      [inviter.sales, 2],
      [inviter.eng, 1],
    ]);
    await InviteRecord.updateOne({ guildId, code: 'eng' }, { $set: { label: '2024 leavers – Eng' } });
    expect((await cohortStats(guildId)).map((c) => [c.label, c.joins])).to.deep.equal([
      ['2025 leavers – Sales', 2],
      ['2024 leavers – Eng', 1],
    ]);
  });

  it('rejects an empty or over-long cohort label before anything is stored', async () => {
    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as DomainError,
      );
    const create = (label: string) =>
      createCohortInvite({
        guildId,
        invite: invites({ eng: 4 })[0] as InviteInfo,
        label,
        createdBy: inviter.eng,
      });
    expect((await errorOf(create('   ')))?.i18nKey).to.equal('connect.invite.error.labelEmpty');
    expect((await errorOf(create('x'.repeat(101))))?.i18nKey).to.equal('connect.invite.error.labelTooLong');
    expect(await InviteRecord.exists({ guildId, code: 'eng', label: { $ne: null } })).to.equal(null);
  });

  it('shows cohorts spelled differently by older records ("Sales", "sales") as one row in its first spelling', async () => {
    // Records from before labels were compared carry no labelKey.
    await InviteRecord.create([
      { guildId, code: 'old1', label: 'Class of 2019', uses: 1, createdBy: inviter.hr, kind: 'cohort' },
      { guildId, code: 'old2', label: 'class  OF 2019', uses: 1, createdBy: inviter.eng, kind: 'cohort' },
    ]);
    const snapshot = (a: number, b: number): InviteInfo[] => [
      ...invites({ sales: 0, eng: 4, hr: 1 }, 2),
      { code: 'old1', uses: a, maxUses: 0, inviterId: null },
      { code: 'old2', uses: b, maxUses: 0, inviterId: null },
    ];
    await syncInvites({ guildId, invites: snapshot(1, 1) });
    await attributeJoin({ guildId, userId: joiner(0), invites: snapshot(2, 1) });
    await attributeJoin({ guildId, userId: joiner(1), invites: snapshot(2, 2) });
    const stats = (await cohortStats(guildId)).filter((c) => c.label.toLowerCase().includes('2019'));
    expect(stats.map((c) => [c.label, c.joins, c.codes.length])).to.deep.equal([['Class of 2019', 2, 2]]);
    const cohorts = (await cohortInvites(guildId)).filter((c) => c.label.toLowerCase().includes('2019'));
    expect(cohorts.map((c) => [c.label, c.joins, c.invites.length])).to.deep.equal([['Class of 2019', 2, 2]]);
    const sources = (await inviteLeaderboard(guildId)).flatMap((r) => r.sources.map((x) => x.label));
    expect(sources).to.not.include('class  OF 2019');
  });

  it('credits nobody when a member comes back through their own link', async () => {
    await createCohortInvite({
      guildId,
      invite: { code: 'own', uses: 0, maxUses: 0, inviterId: null },
      label: 'Own',
      createdBy: joiner(5),
    });
    const all = (own: number): InviteInfo[] => [
      ...invites({ sales: 0, eng: 4, hr: 1 }, 2),
      { code: 'own', uses: own, maxUses: 0, inviterId: null },
    ];
    await recordJoin({ guildId, userId: joiner(5) });
    const self = await attributeJoin({ guildId, userId: joiner(5), invites: all(1) });
    expect(self).to.deep.include({ method: 'invite', code: 'own', inviterId: null });
    expect((await getProfile(guildId, joiner(5)))?.invitedBy ?? null).to.equal(null);
    const friend = await attributeJoin({ guildId, userId: joiner(6), invites: all(2) });
    expect(friend.inviterId).to.equal(joiner(5));
    const row = (await inviteLeaderboard(guildId)).find((r) => r.inviterId === joiner(5));
    expect(row).to.deep.include({ joins: 1, uses: 2 });
  });

  it('counts people, not rows, as traced to an invite: a return through the same link is one person', async () => {
    await attributeJoin({ guildId, userId: joiner(0), invites: invites({ sales: 1, eng: 4, hr: 1 }, 2) });
    await attributeJoin({ guildId, userId: joiner(0), invites: invites({ sales: 2, eng: 4, hr: 1 }, 2) });
    await attributeJoin({ guildId, userId: joiner(1), invites: invites({ sales: 2, eng: 5, hr: 1 }, 2) });
    expect(await JoinAttribution.countDocuments({ guildId, method: 'invite' })).to.equal(3);
    expect(await attributionCounts(guildId)).to.deep.equal({ attributed: 2, ambiguous: 0, unknown: 0 });
  });
});
