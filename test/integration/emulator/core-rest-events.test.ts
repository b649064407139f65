/**
 * REST mutations through the REAL discord.js Client: each produces the gateway event Discord
 * sends, and discord.js updates its cache from it.
 */
import { expect } from 'chai';
import {
  ChannelType,
  Events,
  PermissionFlagsBits,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  type Guild,
} from 'discord.js';
import { nextEvent, startCoreWorld, type CoreWorld } from './core-helpers.js';

describe('emulator core: REST mutations emit gateway events', () => {
  let world: CoreWorld;
  let guild: Guild;

  before(async () => {
    world = await startCoreWorld();
    guild = world.client.guilds.cache.get(world.seeded.guild.id)!;
    await guild.members.fetch();
  });

  after(async () => {
    await world.stop();
  });

  it('grants a role: GUILD_MEMBER_UPDATE reaches the cache', async () => {
    const target = world.seeded.members[0]!;
    const alumni = world.seeded.roles.Alumni!;
    const updated = nextEvent(world.client, Events.GuildMemberUpdate, (_old, m) => m.id === target.id);
    await guild.members.cache.get(target.id)!.roles.add(alumni.id);
    const [, member] = await updated;
    expect(member.roles.cache.has(alumni.id)).to.equal(true);
    expect(world.emu.state.members.get(guild.id, target.id).roles).to.include(alumni.id);
  });

  it("fetches the bot's own member through /members/@me", async () => {
    const me = await guild.members.fetchMe({ force: true });
    expect(me.id).to.equal(world.emu.botUser.id);
    expect(me.roles.cache.has(world.seeded.botRole!.id)).to.equal(true);
  });

  it('creates a channel: CHANNEL_CREATE adds it to the guild cache', async () => {
    const created = nextEvent(world.client, Events.ChannelCreate, (c) => c.name === 'mixer-1');
    const channel = await guild.channels.create({
      name: 'mixer-1',
      type: ChannelType.GuildVoice,
      parent: world.seeded.channels['Voice Channels']!.id,
    });
    await created;
    expect(guild.channels.cache.get(channel.id)?.parentId).to.equal(
      world.seeded.channels['Voice Channels']!.id,
    );
    expect(world.emu.state.channels.get(channel.id).type).to.equal(ChannelType.GuildVoice);
  });

  it('deletes a channel: CHANNEL_DELETE removes it from the cache', async () => {
    const channel = await guild.channels.create({ name: 'short-lived' });
    const deleted = nextEvent(world.client, Events.ChannelDelete, (c) => c.id === channel.id);
    await channel.delete();
    await deleted;
    expect(guild.channels.cache.has(channel.id)).to.equal(false);
  });

  it('moves a member between voice channels: VOICE_STATE_UPDATE reaches the cache', async () => {
    const target = world.seeded.members[1]!;
    const joined = nextEvent(
      world.client,
      Events.VoiceStateUpdate,
      (_o, n) => n.id === target.id && n.channelId !== null,
    );
    world.emu.state.voice.join(guild.id, target.id, world.seeded.channels.Lounge!.id);
    await joined;
    const moved = nextEvent(
      world.client,
      Events.VoiceStateUpdate,
      (_o, n) => n.id === target.id && n.channelId === world.seeded.channels['Room 1']!.id,
    );
    await guild.members.cache.get(target.id)!.voice.setChannel(world.seeded.channels['Room 1']!.id);
    await moved;
    expect(guild.voiceStates.cache.get(target.id)?.channelId).to.equal(world.seeded.channels['Room 1']!.id);
  });

  it('sends, edits and deletes a message with MESSAGE_CREATE/UPDATE/DELETE', async () => {
    const channel = guild.channels.cache.get(world.seeded.channels.general!.id)!;
    if (!channel.isTextBased()) throw new Error('general is not text based');
    const created = nextEvent(world.client, Events.MessageCreate, (m) => m.channelId === channel.id);
    const sent = await channel.send({
      content: 'ようこそ',
      embeds: [{ title: 'Welcome', description: 'hello' }],
    });
    const [event] = await created;
    expect(event.id).to.equal(sent.id);
    expect(event.embeds[0]?.title).to.equal('Welcome');
    const updated = nextEvent(world.client, Events.MessageUpdate, (_o, m) => m.id === sent.id);
    await sent.edit({ content: 'edited' });
    await updated;
    expect(world.emu.state.messages.get(channel.id, sent.id).content).to.equal('edited');
    const deleted = nextEvent(world.client, Events.MessageDelete, (m) => m.id === sent.id);
    await sent.delete();
    await deleted;
    expect(world.emu.state.messages.list(channel.id).some((m) => m.id === sent.id)).to.equal(false);
  });

  it('accepts a multipart message with a file and records the attachment', async () => {
    const channel = guild.channels.cache.get(world.seeded.channels.general!.id)!;
    if (!channel.isSendable()) throw new Error('general is not sendable');
    const sent = await channel.send({
      content: 'report',
      files: [{ attachment: Buffer.from('a,b\n1,2\n'), name: 'report.csv' }],
    });
    const stored = world.emu.state.messages.get(channel.id, sent.id);
    expect(stored.attachments.map((a) => [a.filename, a.size])).to.deep.equal([['report.csv', 8]]);
    expect(sent.attachments.first()?.name).to.equal('report.csv');
    const download = await fetch(sent.attachments.first()!.url);
    expect(await download.text()).to.equal('a,b\n1,2\n');
  });

  it('creates an invite with INVITE_CREATE and deletes it when used up (INVITE_DELETE)', async () => {
    const channel = guild.channels.cache.get(world.seeded.channels.welcome!.id)!;
    if (channel.type !== ChannelType.GuildText) throw new Error('welcome is not a text channel');
    const created = nextEvent(world.client, Events.InviteCreate);
    const invite = await channel.createInvite({ maxUses: 1, maxAge: 0, unique: true });
    const [event] = await created;
    expect(event.code).to.equal(invite.code);
    const listed = await guild.invites.fetch();
    expect(listed.get(invite.code)?.uses).to.equal(0);
    const deleted = nextEvent(world.client, Events.InviteDelete, (i) => i.code === invite.code);
    world.emu.state.invites.use(invite.code);
    await deleted;
    const error = await world.client.fetchInvite(invite.code).catch((e: { code?: number }) => e);
    expect((error as { code?: number }).code).to.equal(10006);
  });

  it('creates a scheduled event and reports interested users', async () => {
    const created = nextEvent(world.client, Events.GuildScheduledEventCreate);
    const event = await guild.scheduledEvents.create({
      name: 'Voice mixer',
      scheduledStartTime: new Date(Date.now() + 3_600_000),
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: GuildScheduledEventEntityType.Voice,
      channel: world.seeded.channels.Lounge!.id,
    });
    await created;
    const fan = world.seeded.members[2]!;
    const added = nextEvent(world.client, Events.GuildScheduledEventUserAdd);
    world.emu.state.scheduledEvents.addInterested(guild.id, event.id, fan.id);
    const [, user] = await added;
    expect(user.id).to.equal(fan.id);
    const subscribers = await event.fetchSubscribers();
    expect([...subscribers.keys()]).to.deep.equal([fan.id]);
    const fetched = await guild.scheduledEvents.fetch({
      guildScheduledEvent: event.id,
      withUserCount: true,
      force: true,
    });
    expect(fetched.userCount).to.equal(1);
  });

  it('kicks a member: GUILD_MEMBER_REMOVE drops them from the cache', async () => {
    const target = world.seeded.members[3]!;
    const botRole = world.seeded.botRole!;
    world.emu.state.roles.update(guild.id, botRole.id, {
      permissions: BigInt(botRole.permissions) | PermissionFlagsBits.KickMembers,
    });
    const removed = nextEvent(world.client, Events.GuildMemberRemove, (m) => m.id === target.id);
    await guild.members.kick(target.id);
    await removed;
    expect(guild.members.cache.has(target.id)).to.equal(false);
  });

  it('announces a member joining with GUILD_MEMBER_ADD', async () => {
    const user = world.emu.state.users.create({ username: 'newcomer' });
    const added = nextEvent(world.client, Events.GuildMemberAdd, (m) => m.id === user.id);
    world.emu.state.members.add(guild.id, user.id);
    const [member] = await added;
    expect(member.user.username).to.equal('newcomer');
  });
});

describe('emulator core: the bot removed from a guild', () => {
  it('sends GUILD_DELETE and discord.js drops the guild', async () => {
    const world = await startCoreWorld();
    try {
      const { client, emu, seeded } = world;
      const deleted = nextEvent(client, Events.GuildDelete, (g) => g.id === seeded.guild.id);
      emu.state.members.remove(seeded.guild.id, emu.botUser.id);
      await deleted;
      expect(client.guilds.cache.has(seeded.guild.id)).to.equal(false);
    } finally {
      await world.stop();
    }
  });
});
