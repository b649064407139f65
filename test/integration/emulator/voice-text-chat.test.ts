/**
 * Text chat in voice channels: Discord lets guild voice channels carry messages (docs,
 * topics/permissions: SEND_MESSAGES applies to T, V, S), so a mixer can post a round's prompt in
 * the breakout room itself. Checked through the real discord.js Client.
 */
import { expect } from 'chai';
import { ChannelType, Events, OverwriteType, PermissionFlagsBits, type VoiceChannel } from 'discord.js';
import { driversFor } from '../../../sandbox/discord/drivers.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';
import { apiError, events } from './voice-helpers.js';

describe('voice: text chat in a voice channel', () => {
  let world: CoreWorld;
  const room = () => world.client.channels.cache.get(world.seeded.channels['Room 1']!.id) as VoiceChannel;

  beforeEach(async () => {
    world = await startCoreWorld({ seed: { memberCount: 2 } });
  });

  afterEach(async () => {
    await world.stop();
  });

  it('posts the bot’s prompt in a voice channel, fetches it back, and the gateway says MESSAGE_CREATE there', async () => {
    const { emu, client } = world;
    expect(room().type).to.equal(ChannelType.GuildVoice);
    const created = events(client, Events.MessageCreate, 1, (m) => m.channelId === room().id);
    const sent = await room().send('Round 1: what did you do in your first year after leaving?');
    const [[gateway]] = await created;
    expect(gateway.id).to.equal(sent.id);
    expect(gateway.guildId).to.equal(world.seeded.guild.id);
    expect(emu.state.messages.get(room().id, sent.id).channel_id).to.equal(room().id);
    const fetched = await room().messages.fetch({ limit: 5 });
    expect([...fetched.keys()]).to.deep.equal([sent.id]);
  });

  it('delivers a person’s message in the voice channel to the bot as MESSAGE_CREATE', async () => {
    const { emu, seeded, client } = world;
    const created = events(client, Events.MessageCreate, 1, (m) => m.channelId === room().id);
    driversFor(emu).sendMessage(room().id, seeded.members[0]!.id, 'hello from the room');
    const [[message]] = await created;
    expect(message.author.id).to.equal(seeded.members[0]!.id);
    expect(message.channel.type).to.equal(ChannelType.GuildVoice);
  });

  it('refuses with 50013 when Send Messages is denied to the bot on the voice channel', async () => {
    const { emu, seeded } = world;
    emu.state.channels.update(room().id, {
      permissionOverwrites: [
        {
          id: seeded.botRole!.id,
          type: OverwriteType.Role,
          allow: '0',
          deny: String(PermissionFlagsBits.SendMessages),
        },
      ],
    });
    const error = await apiError(room().send('not allowed'));
    expect([error.status, error.code]).to.deep.equal([403, 50013]);
  });
});
