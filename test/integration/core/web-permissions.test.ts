import { expect } from 'chai';
import { basePermissions, decideAccess, MANAGE_GUILD } from '../../../web/core/permissions.js';

const guildId = '100000000000000001';
const everyone = (permissions: bigint) => ({ id: guildId, permissions: permissions.toString() });
const base = {
  guildId,
  ownerId: '200000000000000001',
  userId: '200000000000000002',
  memberRoleIds: [] as string[],
  roles: [everyone(0n)],
  staffRoleIds: [] as string[],
};

describe('dashboard permissions (decideAccess)', () => {
  it('lets the guild owner in even without any role', () => {
    expect(decideAccess({ ...base, userId: base.ownerId })).to.deep.equal({ allowed: true, reason: 'owner' });
  });

  it('lets a member with Administrator in', () => {
    const roles = [everyone(0n), { id: '300000000000000001', permissions: String(1n << 3n) }];
    const decision = decideAccess({ ...base, roles, memberRoleIds: ['300000000000000001'] });
    expect(decision).to.deep.equal({ allowed: true, reason: 'administrator' });
  });

  it('lets a member whose role grants Manage Guild (0x20) in', () => {
    const roles = [everyone(0n), { id: '300000000000000002', permissions: String(0x20n | 0x400n) }];
    const decision = decideAccess({ ...base, roles, memberRoleIds: ['300000000000000002'] });
    expect(decision).to.deep.equal({ allowed: true, reason: 'manageGuild' });
  });

  it('counts permissions granted to @everyone (the role whose id is the guild id)', () => {
    expect(decideAccess({ ...base, roles: [everyone(MANAGE_GUILD)] })).to.deep.equal({
      allowed: true,
      reason: 'manageGuild',
    });
  });

  it('lets a member holding the configured moderator role in', () => {
    const decision = decideAccess({
      ...base,
      roles: [everyone(0n), { id: '300000000000000003', permissions: '0' }],
      memberRoleIds: ['300000000000000003'],
      staffRoleIds: ['300000000000000003'],
    });
    expect(decision).to.deep.equal({ allowed: true, reason: 'staffRole' });
  });

  it('refuses a member with ordinary permissions and no staff role', () => {
    const roles = [everyone(0x400n | 0x800n), { id: '300000000000000004', permissions: String(1n << 28n) }];
    const decision = decideAccess({
      ...base,
      roles,
      memberRoleIds: ['300000000000000004'],
      staffRoleIds: ['300000000000000005'],
    });
    expect(decision).to.deep.equal({ allowed: false });
  });

  it('ignores roles the member does not hold and malformed bitfields', () => {
    const roles = [
      everyone(0n),
      { id: '300000000000000006', permissions: String(MANAGE_GUILD) },
      { id: '300000000000000007', permissions: 'not-a-number' },
    ];
    expect(basePermissions(guildId, ['300000000000000007'], roles)).to.equal(0n);
  });

  it('reads permission bits above 2^53 exactly', () => {
    const high = 1n << 60n;
    expect(basePermissions(guildId, [], [everyone(high | MANAGE_GUILD)])).to.equal(high | MANAGE_GUILD);
  });
});
