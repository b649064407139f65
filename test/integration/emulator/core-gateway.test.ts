/**
 * The emulator's Gateway against the REAL discord.js Client: login, READY + GUILD_CREATE,
 * member requests, intent checks (4014), RESUME with replay after a dropped socket, op 7.
 */
import { expect } from 'chai';
import { ChannelType, Client, Events, GatewayIntentBits } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import { seedGuild, startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { nextEvent, startCoreWorld, type CoreWorld } from './core-helpers.js';

describe('emulator core: gateway with discord.js', () => {
  let world: CoreWorld;

  before(async () => {
    world = await startCoreWorld({ seed: { memberCount: 12 } });
  });

  after(async () => {
    await world.stop();
  });

  it('logs the bot in and fills the cache with the seeded guild, channels and roles', () => {
    const { client, seeded, emu } = world;
    expect(client.user?.id).to.equal(emu.botUser.id);
    expect(client.application?.id).to.equal(emu.application.id);
    const guild = client.guilds.cache.get(seeded.guild.id);
    expect(guild?.name).to.equal('Acme');
    expect(guild?.available).to.equal(true);
    expect(guild?.memberCount).to.equal(14); // 12 members + owner + bot
    expect(guild?.roles.everyone.id).to.equal(seeded.guild.id);
    expect(guild?.channels.cache.get(seeded.channels.general!.id)?.type).to.equal(ChannelType.GuildText);
    expect(guild?.channels.cache.get(seeded.channels.Lounge!.id)?.type).to.equal(ChannelType.GuildVoice);
    expect(guild?.members.me?.roles.highest.id).to.equal(seeded.botRole?.id);
  });

  it('sends only the bot and voice members in GUILD_CREATE without GuildPresences, as Discord does', () => {
    const guild = world.client.guilds.cache.get(world.seeded.guild.id)!;
    expect([...guild.members.cache.keys()]).to.deep.equal([world.emu.botUser.id]);
  });

  it('answers a full member request (op 8) with every member', async () => {
    const guild = world.client.guilds.cache.get(world.seeded.guild.id)!;
    const members = await guild.members.fetch();
    expect(members.size).to.equal(14);
    expect(members.get(world.seeded.members[0]!.id)?.user.username).to.equal('member-001');
  });

  it('answers member requests by query and by user ids', async () => {
    const guild = world.client.guilds.cache.get(world.seeded.guild.id)!;
    const byQuery = await guild.members.fetch({ query: 'member-01', limit: 10 });
    expect([...byQuery.values()].map((m) => m.user.username).sort()).to.deep.equal([
      'member-010',
      'member-011',
      'member-012',
    ]);
    const target = world.seeded.members[4]!;
    const byId = await guild.members.fetch({ user: [target.id] });
    expect(byId.get(target.id)?.user.username).to.equal('member-005');
  });

  it('empties message content without the MessageContent intent unless the bot is mentioned', async () => {
    const { client, emu, seeded } = world;
    const author = seeded.members[5]!.id;
    const channelId = seeded.channels.general!.id;
    const plain = nextEvent(client, Events.MessageCreate, (m) => m.author.id === author && m.content === '');
    const plainSent = emu.state.messages.create(channelId, { authorId: author, content: 'hello everyone' });
    const [plainSeen] = await plain;
    expect(plainSeen.id).to.equal(plainSent.id);
    const mention = nextEvent(
      client,
      Events.MessageCreate,
      (m) => m.author.id === author && m.content !== '',
    );
    emu.state.messages.create(channelId, { authorId: author, content: `<@${emu.botUser.id}> hi` });
    const [mentionSeen] = await mention;
    expect(mentionSeen.content).to.equal(`<@${emu.botUser.id}> hi`);
  });

  it('does not send GUILD_MEMBER_ADD to a session without the GuildMembers intent', async () => {
    const { emu, seeded } = world;
    const other = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.restBase } });
    try {
      const ready = nextEvent(other, Events.ClientReady);
      await other.login(emu.botToken);
      await ready;
      const seen: string[] = [];
      other.on(Events.GuildMemberAdd, (m) => seen.push(m.id));
      const user = emu.state.users.create({ username: 'quiet-joiner' });
      const toMain = nextEvent(world.client, Events.GuildMemberAdd, (m) => m.id === user.id);
      emu.state.members.add(seeded.guild.id, user.id);
      await toMain;
      const marker = nextEvent(other, Events.ChannelCreate, (c) => 'name' in c && c.name === 'marker');
      emu.state.channels.create(seeded.guild.id, { name: 'marker' });
      await marker; // the Guilds-intent event behind it arrived, so the member add was filtered, not late
      expect(seen).to.deep.equal([]);
    } finally {
      await other.destroy();
    }
  });

  it('resumes after a dropped socket and replays the events sent meanwhile', async () => {
    const { client, emu, seeded } = world;
    const resumed = nextEvent(client, Events.ShardResume);
    emu.gateway.dropConnections();
    emu.state.channels.create(seeded.guild.id, { name: 'while-away' });
    await resumed;
    const guild = client.guilds.cache.get(seeded.guild.id)!;
    expect(guild.channels.cache.find((c) => c.name === 'while-away')).to.not.equal(undefined);
    expect(emu.gateway.listSessions()).to.have.length(1);
  });

  it('resumes after op 7 RECONNECT and keeps receiving events', async () => {
    const { client, emu, seeded } = world;
    const resumed = nextEvent(client, Events.ShardResume);
    emu.gateway.requestReconnect();
    await resumed;
    const created = nextEvent(
      client,
      Events.ChannelCreate,
      (c) => 'name' in c && c.name === 'after-reconnect',
    );
    emu.state.channels.create(seeded.guild.id, { name: 'after-reconnect' });
    const [channel] = await created;
    expect(channel.id).to.be.a('string');
  });

  it('identifies again when the session cannot be resumed', async () => {
    const { client, emu } = world;
    const ready = nextEvent(client, Events.ShardReady);
    emu.gateway.invalidateSessions(false);
    await ready;
    expect(emu.gateway.listSessions()).to.have.length(1);
  });
});

describe('emulator core: gateway refusals', () => {
  it('closes with 4014 when a privileged intent is not enabled, and discord.js login rejects', async () => {
    const emu = await startDiscordEmulator({ logger: silentLogger(), intents: { guildMembers: false } });
    seedGuild(emu.state);
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
      rest: { api: emu.restBase },
    });
    try {
      const disconnected = nextEvent(client, Events.ShardDisconnect);
      const error = await client.login(emu.botToken).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      const [event] = await disconnected;
      expect(event.code).to.equal(4014);
      expect(error?.message).to.equal('Used disallowed intents');
    } finally {
      await client.destroy();
      await emu.stop();
    }
  });

  it('closes with 4014 for MessageContent, which Tsunagu never enables', async () => {
    const emu = await startDiscordEmulator({ logger: silentLogger() });
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent],
      rest: { api: emu.restBase },
    });
    try {
      const disconnected = nextEvent(client, Events.ShardDisconnect);
      void client.login(emu.botToken).catch(() => undefined);
      const [event] = await disconnected;
      expect(event.code).to.equal(4014);
    } finally {
      await client.destroy();
      await emu.stop();
    }
  });

  it('rejects a login with a wrong token before the gateway (401 on /gateway/bot)', async () => {
    const emu = await startDiscordEmulator({ logger: silentLogger() });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.restBase } });
    try {
      const error = await client.login('MTIz.bad.token').then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      );
      expect(error?.code).to.equal('TokenInvalid');
    } finally {
      await client.destroy();
      await emu.stop();
    }
  });
});
