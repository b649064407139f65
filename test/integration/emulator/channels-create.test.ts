/**
 * Channel creation as a voice-mixer bot does it: breakout rooms with permission overwrites under
 * a category, checked as Discord checks them (overwrite targets, permissions the bot may grant,
 * Manage Roles, the parent, 50 channels per category, 500 per guild), through the real discord.js.
 */
import { expect } from 'chai';
import { ChannelType, OverwriteType, PermissionFlagsBits, type VoiceChannel } from 'discord.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../sandbox/discord/state/seed.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';
import { apiError } from './voice-helpers.js';

const { Connect, ViewChannel, BanMembers, ManageRoles, Administrator } = PermissionFlagsBits;

describe('channels: create with permission overwrites', () => {
  let world: CoreWorld;
  const guild = () => world.client.guilds.cache.get(world.seeded.guild.id)!;
  const category = () => world.seeded.channels['Voice Channels']!.id;

  beforeEach(async () => {
    world = await startCoreWorld({ seed: { memberCount: 3 } });
  });

  afterEach(async () => {
    await world.stop();
  });

  it('creates a private breakout room whose role and member overwrites are stored as strings', async () => {
    const { emu, seeded } = world;
    const alumni = seeded.roles.Alumni!.id;
    const room = (await guild().channels.create({
      name: 'Breakout 1',
      type: ChannelType.GuildVoice,
      parent: category(),
      userLimit: 4,
      permissionOverwrites: [
        { id: seeded.guild.id, type: OverwriteType.Role, deny: [ViewChannel] },
        { id: alumni, type: OverwriteType.Role, allow: [ViewChannel, Connect] },
        { id: seeded.members[0]!.id, type: OverwriteType.Member, deny: [Connect] },
      ],
    })) as VoiceChannel;
    expect(room.parentId).to.equal(category());
    expect(room.userLimit).to.equal(4);
    const stored = emu.state.channels.get(room.id).permissionOverwrites;
    expect(stored).to.deep.include({ id: alumni, type: 0, allow: String(ViewChannel | Connect), deny: '0' });
    expect(stored).to.deep.include({ id: seeded.members[0]!.id, type: 1, allow: '0', deny: String(Connect) });
    expect(room.permissionOverwrites.cache.get(alumni)?.allow.has(Connect)).to.equal(true);
  });

  it('copies the category’s overwrites into a channel created without any', async () => {
    const { emu, seeded } = world;
    const hidden = [{ id: seeded.guild.id, type: OverwriteType.Role, allow: '0', deny: String(ViewChannel) }];
    emu.state.channels.update(category(), { permissionOverwrites: hidden });
    const room = await guild().channels.create({
      name: 'Synced',
      type: ChannelType.GuildVoice,
      parent: category(),
    });
    expect(emu.state.channels.get(room.id).permissionOverwrites).to.deep.equal(hidden);
  });

  it('answers 10011 for an unknown role, 10007 for a non-member and 10009 for the wrong type', async () => {
    const { seeded } = world;
    const create = (id: string, type: OverwriteType) =>
      apiError(
        guild().channels.create({ name: 'Room', permissionOverwrites: [{ id, type, deny: [Connect] }] }),
      );
    expect((await create('123456789012345678', OverwriteType.Role)).code).to.equal(10011);
    expect((await create('123456789012345678', OverwriteType.Member)).code).to.equal(10007);
    const wrongType = await create(seeded.members[0]!.id, OverwriteType.Role);
    expect([wrongType.status, wrongType.code]).to.deep.equal([404, 10009]);
  });

  it('refuses with 50013 to allow or deny a permission the bot lacks, Manage Roles included', async () => {
    const { emu, seeded } = world;
    const everyone = seeded.guild.id;
    for (const bits of [BanMembers, ManageRoles]) {
      const error = await apiError(
        guild().channels.create({
          name: 'Room',
          permissionOverwrites: [{ id: everyone, type: OverwriteType.Role, deny: [bits] }],
        }),
      );
      expect([error.status, error.code]).to.deep.equal([403, 50013]);
    }
    expect(emu.state.channels.list(everyone).some((c) => c.name === 'Room')).to.equal(false);
  });

  it('lets an administrator bot grant anything, Manage Roles included', async () => {
    const { emu, seeded } = world;
    emu.state.roles.update(seeded.guild.id, seeded.botRole!.id, { permissions: Administrator });
    const room = await guild().channels.create({
      name: 'Staff room',
      permissionOverwrites: [
        { id: seeded.roles.Organiser!.id, type: OverwriteType.Role, allow: [ManageRoles, BanMembers] },
      ],
    });
    expect(emu.state.channels.get(room.id).permissionOverwrites[0]!.allow).to.equal(
      String(ManageRoles | BanMembers),
    );
  });

  it('needs Manage Roles for overwrites and Manage Channels for any channel', async () => {
    const { emu, seeded } = world;
    const role = seeded.botRole!.id;
    emu.state.roles.update(seeded.guild.id, role, { permissions: DEFAULT_BOT_PERMISSIONS & ~ManageRoles });
    const withOverwrite = guild().channels.create({
      name: 'Room',
      permissionOverwrites: [{ id: seeded.guild.id, type: OverwriteType.Role, deny: [Connect] }],
    });
    expect((await apiError(withOverwrite)).code).to.equal(50013);
    await guild().channels.create({ name: 'Plain room' });
    emu.state.roles.update(seeded.guild.id, role, {
      permissions: DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.ManageChannels,
    });
    expect((await apiError(guild().channels.create({ name: 'Another' }))).code).to.equal(50013);
  });

  it('refuses a parent that is not a category of the guild with 50035 on parent_id', async () => {
    const error = await apiError(
      guild().channels.create({ name: 'Room', parent: world.seeded.channels.general!.id }),
    );
    expect(error.code).to.equal(50035);
    expect(error.rawError).to.have.nested.property(
      'errors.parent_id._errors[0].code',
      'CHANNEL_PARENT_INVALID',
    );
  });
});

describe('channels: Discord’s caps', () => {
  let world: CoreWorld;
  const guild = () => world.client.guilds.cache.get(world.seeded.guild.id)!;

  before(async () => {
    world = await startCoreWorld({ seed: { memberCount: 1 } });
  });

  after(async () => {
    await world.stop();
  });

  it('refuses a 51st channel in a category, on creation and on a move, with CHANNEL_PARENT_MAX_CHANNELS', async () => {
    const { emu, seeded } = world;
    const full = emu.state.channels.create(seeded.guild.id, {
      name: 'Full',
      type: ChannelType.GuildCategory,
    });
    for (let i = 0; i < 50; i++)
      emu.state.channels.create(seeded.guild.id, { name: `room-${i}`, parentId: full.id });
    const created = await apiError(guild().channels.create({ name: 'One too many', parent: full.id }));
    expect(created.rawError).to.have.nested.property(
      'errors.parent_id._errors[0].code',
      'CHANNEL_PARENT_MAX_CHANNELS',
    );
    expect(created.message).to.include('Maximum number of channels in category reached (50)');
    const moved = await apiError(guild().channels.edit(seeded.channels.general!.id, { parent: full.id }));
    expect(moved.code).to.equal(50035);
    expect(emu.state.channels.get(seeded.channels.general!.id).parentId).to.not.equal(full.id);
  });

  it('refuses a 501st guild channel with 30013', async () => {
    const { emu, seeded } = world;
    while (seeded.guild.channelIds.size < 500)
      emu.state.channels.create(seeded.guild.id, { name: `filler-${seeded.guild.channelIds.size}` });
    const error = await apiError(guild().channels.create({ name: 'Over the cap' }));
    expect([error.status, error.code, error.message]).to.deep.equal([
      400,
      30013,
      'Maximum number of guild channels reached (500)',
    ]);
  });
});
