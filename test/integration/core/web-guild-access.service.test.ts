import { expect } from 'chai';
import { createGuildAccess } from '../../../web/core/guild-access.service.js';
import { staffRolesFromSettings } from '../../../web/core/staff-roles.js';
import { fakeDirectory, fakeDiscord, type FakeDiscord } from '../../support/web/fakes.js';

const GUILD_A = '100000000000000001';
const GUILD_B = '100000000000000002';
const OWNER = '200000000000000001';
const MOD = '200000000000000002';
const MOD_ROLE_A = '300000000000000001';

function world(): FakeDiscord {
  const fake = fakeDiscord();
  for (const id of [GUILD_A, GUILD_B]) {
    fake.guilds.set(id, {
      id,
      name: `Guild ${id.slice(-1)}`,
      icon: null,
      ownerId: OWNER,
      roles: [
        { id, permissions: '0' },
        { id: MOD_ROLE_A, permissions: '0' },
      ],
    });
  }
  // MOD holds guild A's moderator role and is a plain member of guild B.
  fake.members.set(`${GUILD_A}:${MOD}`, { userId: MOD, roleIds: [MOD_ROLE_A] });
  fake.members.set(`${GUILD_B}:${MOD}`, { userId: MOD, roleIds: [] });
  return fake;
}

describe('guild access service', () => {
  const staffRoles = async (guildId: string) => (guildId === GUILD_A ? [MOD_ROLE_A] : []);

  it('gives a moderator access to the guild whose settings name their role, not to another guild', async () => {
    const fake = world();
    const access = createGuildAccess({ directory: fakeDirectory(fake), staffRoles });
    expect((await access.check(GUILD_A, MOD)).allowed).to.equal(true);
    expect((await access.check(GUILD_B, MOD)).allowed).to.equal(false);
  });

  it('refuses a user who is not a member, and says so', async () => {
    const access = createGuildAccess({ directory: fakeDirectory(world()), staffRoles });
    const result = await access.check(GUILD_A, '200000000000000009');
    expect(result).to.include({ allowed: false, member: false, botPresent: true });
  });

  it('refuses when the bot is not in the guild', async () => {
    const access = createGuildAccess({ directory: fakeDirectory(world()), staffRoles });
    const result = await access.check('100000000000000009', OWNER);
    expect(result).to.include({ allowed: false, botPresent: false });
  });

  it('answers repeated checks from its cache until the time-to-live passes', async () => {
    const fake = world();
    let now = 1_000_000;
    const access = createGuildAccess({
      directory: fakeDirectory(fake),
      staffRoles,
      ttlMs: 30_000,
      now: () => now,
    });
    await access.check(GUILD_A, MOD);
    await access.check(GUILD_A, MOD);
    expect(fake.calls.getMember).to.equal(1);
    now += 30_001;
    // The role was removed on Discord meanwhile: the next check sees it.
    fake.members.set(`${GUILD_A}:${MOD}`, { userId: MOD, roleIds: [] });
    expect((await access.check(GUILD_A, MOD)).allowed).to.equal(false);
    expect(fake.calls.getMember).to.equal(2);
  });

  it('does not cache a failed lookup', async () => {
    const fake = world();
    const access = createGuildAccess({ directory: fakeDirectory(fake), staffRoles });
    fake.failNext = true;
    let failed = false;
    await access.check(GUILD_A, MOD).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect((await access.check(GUILD_A, MOD)).allowed).to.equal(true);
  });

  it('takes the organiser and moderator roles from the guild settings, skipping unset ones', async () => {
    const lookup = staffRolesFromSettings(async (guildId) =>
      guildId === GUILD_A ? { roles: { organiser: MOD_ROLE_A, moderator: null } } : { roles: {} },
    );
    expect(await lookup(GUILD_A)).to.deep.equal([MOD_ROLE_A]);
    expect(await lookup(GUILD_B)).to.deep.equal([]);
  });
});
