import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { buildWelcome, recordJoin, recordLeave } from '../../../shared/connect/welcome.service.js';
import { getGuildSettings, updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { memberEventTotals } from '../../../shared/connect/member-events.service.js';
import { DomainError } from '../../../shared/errors.js';

describe('welcome and guild settings services (mongoose on the store)', () => {
  useMongoose('welcome');
  before(() => ensureIndexes());
  const guildId = '900000000000000001';
  const userId = '100000000000000001';

  it('gives defaults when the guild has no settings: Japanese, Asia/Tokyo, the default template', async () => {
    const settings = await getGuildSettings(guildId);
    expect(settings.locale).to.equal('ja');
    expect(settings.timeZone).to.equal('Asia/Tokyo');
    expect(settings.welcome.customTemplate).to.equal(false);
    expect(settings.welcome.template).to.contain('{user}');
    expect(settings.relay).to.deep.equal({ enabled: true, reminderDays: 3 });
  });

  it('stores a valid update and refuses an invalid one without changing anything', async () => {
    await updateGuildSettings(guildId, { locale: 'en', channels: { welcome: '200000000000000001' } });
    const error = await updateGuildSettings(guildId, {
      timeZone: 'Nowhere/Land',
      welcomeTemplate: '{oops}',
    }).catch((e) => e);
    expect(error).to.be.instanceOf(DomainError);
    expect((error as DomainError).issues).to.have.length(2);
    const settings = await getGuildSettings(guildId);
    expect(settings.locale).to.equal('en');
    expect(settings.timeZone).to.equal('Asia/Tokyo');
    expect(settings.channels.welcome).to.equal('200000000000000001');
    expect(settings.welcome.template).to.contain('Welcome to {server}');
  });

  it('renders the guild template for a member with where to post it', async () => {
    await updateGuildSettings(guildId, {
      welcomeTemplate: 'Hi {user}, {server} has {memberCount}!',
      roles: { alumni: '300000000000000001' },
    });
    const welcome = await buildWelcome({ guildId, userId, serverName: 'Acme', memberCount: 42 });
    expect(welcome.content).to.equal(`Hi <@${userId}>, Acme has 42!`);
    expect(welcome.alumniRoleId).to.equal('300000000000000001');
  });

  it('recognises a returning member: same profile, rejoinCount + 1, no duplicate', async () => {
    const first = await recordJoin({ guildId, userId, joinedAt: new Date('2026-01-01T00:00:00Z') });
    expect(first.outcome).to.equal('new');
    expect(await recordLeave({ guildId, userId, leftAt: new Date('2026-02-01T00:00:00Z') })).to.equal(true);
    const back = await recordJoin({ guildId, userId, joinedAt: new Date('2026-03-01T00:00:00Z') });
    expect(back.outcome).to.equal('returning');
    expect(back.profile.rejoinCount).to.equal(1);
    expect(back.profile.leftAt).to.equal(null);
    expect(await Profile.countDocuments({ guildId, userId })).to.equal(1);
  });

  it('ignores a repeated join event for a present member', async () => {
    await recordJoin({ guildId, userId });
    const again = await recordJoin({ guildId, userId });
    expect(again.outcome).to.equal('duplicate');
    expect(again.profile.rejoinCount).to.equal(0);
    expect(await Profile.countDocuments({ guildId })).to.equal(1);
    const totals = await memberEventTotals(guildId);
    expect(totals.join).to.equal(1);
  });

  it('treats two simultaneous join events of a new member as one join', async () => {
    const outcomes = await Promise.all([recordJoin({ guildId, userId }), recordJoin({ guildId, userId })]);
    expect(outcomes.map((o) => o.outcome).sort()).to.deep.equal(['duplicate', 'new']);
    expect(await Profile.countDocuments({ guildId, userId })).to.equal(1);
    expect((await memberEventTotals(guildId)).join).to.equal(1);
  });

  it('counts joins, leaves and rejoins without user ids', async () => {
    await recordJoin({ guildId, userId });
    await recordLeave({ guildId, userId });
    await recordLeave({ guildId, userId });
    await recordJoin({ guildId, userId });
    expect(await memberEventTotals(guildId)).to.include({ join: 1, leave: 1, rejoin: 1 });
  });
});
