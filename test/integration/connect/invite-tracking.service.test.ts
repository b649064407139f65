import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import {
  attributeJoin,
  cohortStats,
  createCohortInvite,
  inviteLeaderboard,
  labelInvite,
  markInviteDeleted,
  syncInvites,
  type InviteInfo,
} from '../../../shared/connect/invite-tracking.service.js';
import { recordJoin } from '../../../shared/connect/welcome.service.js';
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

  it('does not guess when three joins land before the first is handled, yet counts each inviter once', async () => {
    const afterAll = invites({ sales: 1, eng: 5 });
    const results = [];
    for (const n of [0, 1, 2])
      results.push(await attributeJoin({ guildId, userId: joiner(n), invites: afterAll }));
    expect(results.map((r) => r.method)).to.deep.equal(['ambiguous', 'ambiguous', 'ambiguous']);
    expect(results[2]?.candidateCodes).to.deep.equal(['eng', 'hr', 'sales']);
    const fourth = await attributeJoin({ guildId, userId: joiner(3), invites: afterAll });
    expect(fourth.method).to.equal('unknown');
    const board = await inviteLeaderboard(guildId);
    expect(board.map((r) => [r.inviterId, r.joins])).to.have.deep.members([
      [inviter.sales, 1],
      [inviter.eng, 1],
      [inviter.hr, 1],
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
    await labelInvite({ guildId, code: 'eng', label: '2024 leavers – Eng' });
    expect((await cohortStats(guildId)).map((c) => [c.label, c.joins])).to.deep.equal([
      ['2025 leavers – Sales', 2],
      ['2024 leavers – Eng', 1],
    ]);
  });

  it('rejects an empty or over-long label and an unknown code', async () => {
    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as DomainError,
      );
    expect((await errorOf(labelInvite({ guildId, code: 'eng', label: '   ' })))?.i18nKey).to.equal(
      'connect.invite.error.labelEmpty',
    );
    expect((await errorOf(labelInvite({ guildId, code: 'eng', label: 'x'.repeat(101) })))?.i18nKey).to.equal(
      'connect.invite.error.labelTooLong',
    );
    expect((await errorOf(labelInvite({ guildId, code: 'nope', label: 'x' })))?.code).to.equal('NOT_FOUND');
  });
});
