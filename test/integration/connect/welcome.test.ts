import { expect } from 'chai';
import { ComponentType } from 'discord-api-types/v10';
import { useMongoose } from '../../support/database.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { JoinAttribution } from '../../../shared/connect/join-attribution.model.js';
import { InviteRecord } from '../../../shared/connect/invite-record.model.js';
import { startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import { t } from '../../../shared/i18n/index.js';
import { renderWelcomeTemplate } from '../../../shared/kernel/welcome-template.js';

const INTRO_BUTTON = (guildId: string) => `intro:start:${guildId}`;

/** The custom ids of a message's components. */
function customIds(message: { components?: unknown[] }): string[] {
  return (
    JSON.stringify(message.components ?? [])
      .match(/"custom_id":"[^"]+"/g)
      ?.map((m) => m.slice(13, -1)) ?? []
  );
}

describe('Connect: welcome on join (real discord.js through the emulator)', () => {
  useMongoose('connect_welcome');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  it('welcomes a member who joins through a labelled invite: welcome posted, DM sent, Alumni role, inviter recorded', async () => {
    const inviter = w.memberId;
    const code = await w.invite(inviter);
    await InviteRecord.updateOne({ guildId: w.guildId, code }, { $set: { label: '2025 leavers – Sales' } });
    const aiko = w.person('Aiko');
    w.drivers.memberJoin(w.guildId, aiko, { inviteCode: code });

    const welcome = await w.until(() => w.mentionsIn(w.channels.welcome, aiko)[0], 'the welcome message');
    expect(customIds(welcome)).to.include(INTRO_BUTTON(w.guildId));
    const dm = await w.until(() => w.drivers.dmsTo(aiko)[0], 'the welcome DM');
    expect(customIds(dm)).to.deep.equal([INTRO_BUTTON(w.guildId)]);
    await w.until(() => w.drivers.memberRoles(w.guildId, aiko).includes(w.roles.alumni), 'the Alumni role');
    expect(w.drivers.memberRoles(w.guildId, aiko)).to.include(w.roles.newcomer);

    const attribution = await w.until(
      () => JoinAttribution.findOne({ guildId: w.guildId, userId: aiko }).lean(),
      'the attribution',
    );
    expect(attribution).to.deep.include({
      method: 'invite',
      code,
      inviterId: inviter,
      label: '2025 leavers – Sales',
    });
    const profile = await Profile.findOne({ guildId: w.guildId, userId: aiko }).lean();
    expect(profile).to.deep.include({ invitedBy: inviter, inviteCode: code });
  });

  it('invites a member whose DMs are closed in the welcome channel instead, mention and intro button included', async () => {
    const ken = w.person('Ken');
    w.drivers.closeDms(ken);
    w.drivers.memberJoin(w.guildId, ken);
    const fallback = await w.until(
      () =>
        w
          .mentionsIn(w.channels.welcome, ken)
          .find((m) => m.content?.includes('could not send you a direct message')),
      'the DM-closed fallback',
    );
    expect(customIds(fallback)).to.deep.equal([INTRO_BUTTON(w.guildId)]);
    expect(w.drivers.dmsTo(ken)).to.deep.equal([]);
    await w.until(() => w.drivers.memberRoles(w.guildId, ken).includes(w.roles.alumni), 'the Alumni role');
  });

  it('recognises a returning member: welcome back, same profile, no second profile', async () => {
    const mei = w.person('Mei');
    w.drivers.memberJoin(w.guildId, mei);
    await w.until(() => w.mentionsIn(w.channels.welcome, mei)[0], 'the first welcome');
    w.drivers.memberLeave(w.guildId, mei);
    await w.until(
      () => Profile.exists({ guildId: w.guildId, userId: mei, leftAt: { $ne: null } }),
      'the leave',
    );
    w.drivers.memberJoin(w.guildId, mei);
    const back = await w.until(
      () => w.mentionsIn(w.channels.welcome, mei).find((m) => m.content?.startsWith('Welcome back')),
      'the welcome back',
    );
    expect(back.components?.[0]?.type).to.equal(ComponentType.ActionRow);
    const profiles = await Profile.find({ guildId: w.guildId, userId: mei }).lean();
    expect(profiles).to.have.length(1);
    expect(profiles[0]).to.deep.include({ rejoinCount: 1, leftAt: null });
  });
});

describe('Connect: welcome in a Japanese server', () => {
  useMongoose('connect_welcome_ja');
  let w: ConnectWorld;

  before(async () => {
    w = await startConnectWorld({ locale: 'ja' });
  });
  after(async () => {
    await w.stop();
  });

  it('welcomes in Japanese with the default template and DMs in Japanese', async () => {
    const yui = w.person('Yui');
    w.drivers.memberJoin(w.guildId, yui);
    const welcome = await w.until(() => w.mentionsIn(w.channels.welcome, yui)[0], 'the welcome');
    expect(welcome.content).to.equal(
      renderWelcomeTemplate(
        t('ja', 'connect.welcome.defaultTemplate'),
        {
          userId: yui,
          serverName: w.seeded.guild.name,
          memberCount: w.bot.client.guilds.cache.get(w.guildId)!.memberCount,
        },
        'ja',
      ),
    );
    const dm = await w.until(() => w.drivers.dmsTo(yui)[0], 'the DM');
    expect(dm.content).to.equal(t('ja', 'bot.connect.welcome.dm', { server: 'Acme アルムナイ' }));
  });
});
