/**
 * People joining voice themselves (the people drivers, `state.voice.join`), as the Discord client
 * lets them: View Channel and Connect in the room, overwrites applied, and `user_limit`, which
 * only members holding Move Members get past.
 */
import { expect } from 'chai';
import { ChannelType, Events, OverwriteType, PermissionFlagsBits } from 'discord.js';
import { DriverError, driversFor } from '../../../sandbox/discord/drivers.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';
import { events } from './voice-helpers.js';

const { Connect, ViewChannel, MoveMembers } = PermissionFlagsBits;

describe('voice: people joining rooms themselves', () => {
  let world: CoreWorld;
  const member = (i: number) => world.seeded.members[i]!.id;
  const join = (i: number, channelId: string) =>
    driversFor(world.emu).voiceJoin(world.seeded.guild.id, member(i), channelId);

  beforeEach(async () => {
    world = await startCoreWorld({ seed: { memberCount: 4 } });
  });

  afterEach(async () => {
    await world.stop();
  });

  it('connects a member and the bot sees VOICE_STATE_UPDATE for the room', async () => {
    const lounge = world.seeded.channels.Lounge!.id;
    const seen = events(world.client, Events.VoiceStateUpdate, 1, (_b, after) => after.channelId === lounge);
    join(0, lounge);
    const [[, after]] = await seen;
    expect(after.id).to.equal(member(0));
  });

  it('refuses a member whose Connect is denied on a breakout room, and lets a member overwrite in', () => {
    const { emu, seeded } = world;
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Group A',
      type: ChannelType.GuildVoice,
      permissionOverwrites: [
        { id: seeded.guild.id, type: OverwriteType.Role, allow: '0', deny: String(Connect) },
        { id: member(1), type: OverwriteType.Member, allow: String(Connect), deny: '0' },
      ],
    });
    expect(() => join(0, room.id)).to.throw(DriverError, /lacks Connect/);
    expect(emu.state.voice.find(seeded.guild.id, member(0))).to.equal(undefined);
    join(1, room.id);
    expect(emu.state.voice.find(seeded.guild.id, member(1))?.channelId).to.equal(room.id);
  });

  it('refuses a member who cannot see the room', () => {
    const { emu, seeded } = world;
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Hidden',
      type: ChannelType.GuildVoice,
      permissionOverwrites: [
        { id: seeded.guild.id, type: OverwriteType.Role, allow: '0', deny: String(ViewChannel) },
      ],
    });
    expect(() => join(0, room.id)).to.throw(DriverError);
  });

  it('keeps a full room closed to members without Move Members and open to those with it', () => {
    const { emu, seeded } = world;
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Pair',
      type: ChannelType.GuildVoice,
      userLimit: 2,
    });
    join(0, room.id);
    join(1, room.id);
    expect(() => join(2, room.id)).to.throw(DriverError, /full/);
    join(1, room.id); // already inside: rejoining does not count them twice
    const mover = emu.state.roles.create(seeded.guild.id, { name: 'Host', permissions: MoveMembers });
    emu.state.members.addRole(seeded.guild.id, member(3), mover.id);
    join(3, room.id);
    expect(emu.state.voice.inChannel(room.id)).to.have.length(3);
  });
});
