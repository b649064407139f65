/**
 * Voice moves as a mixer bot makes them (PATCH /guilds/:g/members/:u with `channel_id`, docs guild
 * "Modify Guild Member"), through the real discord.js: who can be moved, what the bot needs where,
 * `user_limit`, disconnects, and the VOICE_STATE_UPDATE a move produces.
 */
import { expect } from 'chai';
import { ChannelType, Events, OverwriteType, PermissionFlagsBits, Routes } from 'discord.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../sandbox/discord/state/seed.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';
import { apiError, events } from './voice-helpers.js';

const { Connect, MoveMembers } = PermissionFlagsBits;

describe('voice: member moves', () => {
  let world: CoreWorld;
  const guild = () => world.client.guilds.cache.get(world.seeded.guild.id)!;
  const lounge = () => world.seeded.channels.Lounge!.id;
  const member = (i: number) => world.seeded.members[i]!.id;
  /** A move through discord.js's REST (guild.members.edit resolves channels from the cache only). */
  const move = (userId: string, channelId: string | null) =>
    world.client.rest.patch(Routes.guildMember(world.seeded.guild.id, userId), {
      body: { channel_id: channelId },
    });

  beforeEach(async () => {
    world = await startCoreWorld({ seed: { memberCount: 4 } });
    for (let i = 0; i < 3; i++) world.emu.state.voice.join(world.seeded.guild.id, member(i), lounge());
  });

  afterEach(async () => {
    await world.stop();
  });

  it('moves a connected member and the client sees VOICE_STATE_UPDATE with the new channel', async () => {
    const { emu, seeded, client } = world;
    const room = seeded.channels['Room 1']!.id;
    const moved = events(client, Events.VoiceStateUpdate, 1, (_b, after) => after.channelId === room);
    const updated = await guild().members.edit(member(0), { channel: room });
    const [[before, after]] = await moved;
    expect(after.id).to.equal(member(0));
    expect(before.channelId === null || before.channelId === lounge()).to.equal(true);
    expect(emu.state.voice.find(seeded.guild.id, member(0))?.channelId).to.equal(room);
    expect(updated.id).to.equal(member(0));
  });

  it('answers 400 40032 for a member who is not connected to voice', async () => {
    const error = await apiError(move(member(3), world.seeded.channels['Room 1']!.id));
    expect([error.status, error.code, error.message]).to.deep.equal([
      400,
      40032,
      'Target user is not connected to voice.',
    ]);
  });

  it('needs Move Members: 50013 without it', async () => {
    const { emu, seeded } = world;
    emu.state.roles.update(seeded.guild.id, seeded.botRole!.id, {
      permissions: DEFAULT_BOT_PERMISSIONS & ~MoveMembers,
    });
    const error = await apiError(move(member(0), seeded.channels['Room 1']!.id));
    expect(error.code).to.equal(50013);
  });

  it('needs the bot’s own Connect in the target, overwrites applied, and passes with an allow for the bot', async () => {
    const { emu, seeded } = world;
    const deny = { id: seeded.guild.id, type: OverwriteType.Role, allow: '0', deny: String(Connect) };
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Private room',
      type: ChannelType.GuildVoice,
      permissionOverwrites: [deny],
    });
    expect((await apiError(move(member(0), room.id))).code).to.equal(50013);
    emu.state.channels.update(room.id, {
      permissionOverwrites: [
        deny,
        { id: emu.botUser.id, type: OverwriteType.Member, allow: String(Connect), deny: '0' },
      ],
    });
    await move(member(0), room.id);
    // The member's own Connect is not checked: Discord documents only the mover's permissions.
    expect(emu.state.voice.find(seeded.guild.id, member(0))?.channelId).to.equal(room.id);
  });

  it('moves a member into a full room: Move Members bypasses user_limit', async () => {
    const { emu, seeded } = world;
    const room = emu.state.channels.create(seeded.guild.id, {
      name: 'Pair',
      type: ChannelType.GuildVoice,
      userLimit: 2,
    });
    await move(member(0), room.id);
    await move(member(1), room.id);
    await move(member(2), room.id);
    expect(
      emu.state.voice
        .inChannel(room.id)
        .map((v) => v.userId)
        .sort(),
    ).to.deep.equal([member(0), member(1), member(2)].sort());
  });

  it('disconnects a member with channel_id null (VOICE_STATE_UPDATE channel_id null)', async () => {
    const { emu, seeded, client } = world;
    const left = events(
      client,
      Events.VoiceStateUpdate,
      1,
      (_b, after) => after.id === member(1) && after.channelId === null,
    );
    await move(member(1), null);
    await left;
    expect(emu.state.voice.find(seeded.guild.id, member(1))).to.equal(undefined);
  });

  it('answers 50035 for a move into a text channel', async () => {
    const error = await apiError(move(member(0), world.seeded.channels.general!.id));
    expect(error.code).to.equal(50035);
  });
});
