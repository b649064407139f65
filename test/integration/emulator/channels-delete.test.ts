/**
 * Deleting breakout rooms and categories as Discord does (docs, channel "Delete/Close Channel"),
 * and overwrites deciding who sees and joins a room, seen through a real discord.js Client.
 */
import { expect } from 'chai';
import { ChannelType, Events, OverwriteType, PermissionFlagsBits, type VoiceState } from 'discord.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';
import { apiError, botFetch, events } from './voice-helpers.js';

const { ViewChannel, Connect, ManageChannels } = PermissionFlagsBits;

describe('channels: delete', () => {
  let world: CoreWorld;
  const guild = () => world.client.guilds.cache.get(world.seeded.guild.id)!;

  beforeEach(async () => {
    world = await startCoreWorld({ seed: { memberCount: 4 } });
  });

  afterEach(async () => {
    await world.stop();
  });

  it('disconnects everyone in a deleted voice room (VOICE_STATE_UPDATE channel_id null) before CHANNEL_DELETE', async () => {
    const { emu, seeded, client } = world;
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Breakout',
      type: ChannelType.GuildVoice,
    });
    const inRoom = seeded.members.slice(0, 3).map((m) => m.id);
    const left = new Promise<string[]>((resolve) => {
      const gone: string[] = [];
      client.on(Events.VoiceStateUpdate, (before: VoiceState, after: VoiceState) => {
        if (before.channelId === room.id && after.channelId === null) gone.push(after.id);
        if (gone.length === inRoom.length) resolve(gone);
      });
    });
    const joined = events(client, Events.VoiceStateUpdate, inRoom.length, (_b, a) => a.channelId === room.id);
    for (const id of inRoom) emu.state.voice.join(seeded.guild.id, id, room.id);
    await joined;
    const order: string[] = [];
    emu.state.onDispatch((event) => order.push(event));
    await guild().channels.delete(room.id);
    expect((await left).sort()).to.deep.equal([...inRoom].sort());
    expect(order).to.deep.equal([
      'VOICE_STATE_UPDATE',
      'VOICE_STATE_UPDATE',
      'VOICE_STATE_UPDATE',
      'CHANNEL_DELETE',
    ]);
    expect(emu.state.voice.list(seeded.guild.id)).to.deep.equal([]);
  });

  it('leaves a deleted category’s children in place with parent_id null and a CHANNEL_UPDATE each', async () => {
    const { emu, seeded, client } = world;
    const category = seeded.channels['Voice Channels']!;
    const children = emu.state.channels.list(seeded.guild.id).filter((c) => c.parentId === category.id);
    const updated: string[] = [];
    client.on(Events.ChannelUpdate, (_before, after) => {
      if ('parentId' in after && after.parentId === null) updated.push(after.id);
    });
    const deleted = new Promise((resolve) => client.once(Events.ChannelDelete, resolve));
    await guild().channels.delete(category.id);
    await deleted;
    expect(updated.sort()).to.deep.equal(children.map((c) => c.id).sort());
    for (const child of children) {
      expect(emu.state.channels.get(child.id).parentId).to.equal(null);
      expect(guild().channels.cache.get(child.id)?.parentId).to.equal(null);
    }
  });

  it('refuses to delete a room whose Connect is denied to the bot: no Connect implies no Manage Channels', async () => {
    const { emu, seeded } = world;
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Locked',
      type: ChannelType.GuildVoice,
      permissionOverwrites: [
        { id: seeded.guild.id, type: OverwriteType.Role, allow: '0', deny: String(Connect) },
      ],
    });
    expect(emu.state.permissions.hasIn(room.id, emu.botUser.id, ManageChannels)).to.equal(false);
    expect((await apiError(guild().channels.delete(room.id))).code).to.equal(50013);
    emu.state.channels.update(room.id, {
      permissionOverwrites: [
        ...emu.state.channels.get(room.id).permissionOverwrites,
        { id: seeded.botRole!.id, type: OverwriteType.Role, allow: String(Connect), deny: '0' },
      ],
    });
    await guild().channels.delete(room.id);
    expect(emu.state.channels.find(room.id)).to.equal(undefined);
  });
});

describe('channels: overwrites decide who sees and joins a room', () => {
  let world: CoreWorld;

  before(async () => {
    world = await startCoreWorld({ seed: { memberCount: 3 } });
  });

  after(async () => {
    await world.stop();
  });

  it('hides a room from members denied View Channel and lets a role overwrite open it again', () => {
    const { emu, seeded } = world;
    const [outsider, invited] = seeded.members.map((m) => m.id);
    emu.state.members.addRole(seeded.guild.id, invited!, seeded.roles.Alumni!.id);
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Alumni only',
      type: ChannelType.GuildVoice,
      permissionOverwrites: [
        { id: seeded.guild.id, type: OverwriteType.Role, allow: '0', deny: String(ViewChannel) },
        { id: seeded.roles.Alumni!.id, type: OverwriteType.Role, allow: String(ViewChannel), deny: '0' },
      ],
    });
    expect(emu.state.permissions.inChannel(room.id, outsider!)).to.equal(0n);
    expect(emu.state.permissions.hasIn(room.id, invited!, ViewChannel | Connect)).to.equal(true);
  });

  it('answers 50001 Missing Access when the bot itself cannot see the room', async () => {
    const { emu, seeded } = world;
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Hidden from the bot',
      type: ChannelType.GuildVoice,
      permissionOverwrites: [
        { id: seeded.botRole!.id, type: OverwriteType.Role, allow: '0', deny: String(ViewChannel) },
      ],
    });
    const res = await botFetch(emu, 'GET', `/channels/${room.id}`);
    expect([res.status, res.body.code]).to.deep.equal([403, 50001]);
  });
});
