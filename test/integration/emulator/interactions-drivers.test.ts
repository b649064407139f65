/**
 * The people drivers as the REAL discord.js Client sees them: joins through invites, leaves,
 * voice moves and messages arrive as the gateway events discord.js builds its cache from; the
 * inspectors show what the bot did back.
 */
import { expect } from 'chai';
import { Client, Events, GatewayIntentBits, type GuildMember, type VoiceState } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import { DriverError, driversFor, type Drivers } from '../../../sandbox/discord/drivers.js';
import {
  startDiscordEmulator,
  seedGuild,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

describe('emulator drivers through discord.js', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  let client: Client;
  let drivers: Drivers;

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { name: 'Acme', memberCount: 4 });
    drivers = driversFor(emu);
    client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMembers,
        GatewayIntentBits.GuildVoiceStates,
        GatewayIntentBits.GuildMessages,
      ],
      rest: { api: emu.restBase },
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(emu.botToken);
    await ready;
  });

  after(async () => {
    await client?.destroy();
    await emu?.stop();
  });

  it('emits guildMemberAdd for a join through an invite and counts the use', async () => {
    const invite = emu.state.invites.create(seeded.channels['welcome']!.id, {
      inviterId: seeded.owner.id,
      maxUses: 0,
    });
    const added = new Promise<GuildMember>((resolve) => client.once(Events.GuildMemberAdd, resolve));
    const member = drivers.memberJoin(
      seeded.guild.id,
      { username: 'hanako', globalName: '花子' },
      { inviteCode: invite.code },
    );
    expect((await added).id).to.equal(member.user.id);
    expect(emu.state.invites.get(invite.code).uses).to.equal(1);
  });

  it('refuses an invite of another guild', () => {
    const other = seedGuild(emu.state, { name: 'Other', memberCount: 1, withBot: false });
    const invite = emu.state.invites.create(other.channels['general']!.id, {});
    expect(() =>
      drivers.memberJoin(seeded.guild.id, { username: 'lost' }, { inviteCode: invite.code }),
    ).to.throw(DriverError);
  });

  it('emits guildMemberRemove when a member leaves', async () => {
    const user = drivers.createUser({ username: 'leaver' });
    drivers.memberJoin(seeded.guild.id, user.id);
    const removed = new Promise<string>((resolve) =>
      client.once(Events.GuildMemberRemove, (m) => resolve(m.id)),
    );
    drivers.memberLeave(seeded.guild.id, user.id);
    expect(await removed).to.equal(user.id);
  });

  it('moves a member between voice channels as voiceStateUpdate events', async () => {
    const userId = seeded.members[0]!.id;
    const updates: [string | null, string | null][] = [];
    const listener = (before: VoiceState, after: VoiceState) => {
      if (after.id === userId) updates.push([before.channelId, after.channelId]);
    };
    client.on(Events.VoiceStateUpdate, listener);
    drivers.voiceJoin(seeded.guild.id, userId, seeded.channels['Lounge']!.id);
    drivers.voiceMove(seeded.guild.id, userId, seeded.channels['Room 1']!.id);
    drivers.voiceLeave(seeded.guild.id, userId);
    await drivers.waitFor(() => updates.length === 3, 3000, 'three voice updates');
    client.off(Events.VoiceStateUpdate, listener);
    expect(updates).to.deep.equal([
      [null, seeded.channels['Lounge']!.id],
      [seeded.channels['Lounge']!.id, seeded.channels['Room 1']!.id],
      [seeded.channels['Room 1']!.id, null],
    ]);
  });

  it('delivers a member’s message and shows the bot’s answer in messagesIn', async () => {
    const channelId = seeded.channels['general']!.id;
    client.once(Events.MessageCreate, (message) => {
      if (message.channel.isSendable()) void message.channel.send('Welcome!');
    });
    const sent = drivers.sendMessage(channelId, seeded.members[1]!.id, 'Hello everyone');
    const answer = await drivers.waitFor(
      () => drivers.messagesIn(channelId).find((m) => m.content === 'Welcome!'),
      3000,
      'the bot’s answer',
    );
    expect(BigInt(answer.id) > BigInt(sent.id)).to.equal(true);
    expect(answer.author.id).to.equal(emu.botUser.id);
  });

  it('shows the bot’s DMs in dmsTo and makes them fail with 50007 once DMs are closed', async () => {
    const userId = seeded.members[2]!.id;
    const user = await client.users.fetch(userId);
    await user.send('Welcome to Acme');
    expect(drivers.dmsTo(userId).map((m) => m.content)).to.deep.equal(['Welcome to Acme']);
    drivers.closeDms(userId);
    const failure = await user.send('Second try').catch((error: { code?: number }) => error);
    expect((failure as { code?: number }).code).to.equal(50007);
    expect(drivers.dmsTo(userId)).to.have.length(1);
  });

  it('reports the member’s roles after the bot grants one', async () => {
    const userId = seeded.members[3]!.id;
    const guild = client.guilds.cache.get(seeded.guild.id)!;
    const member = await guild.members.fetch(userId);
    await member.roles.add(seeded.roles['Alumni']!.id);
    expect(drivers.memberRoles(seeded.guild.id, userId)).to.deep.equal([seeded.roles['Alumni']!.id]);
  });

  it('rejects waitFor after its timeout with what it waited for', async () => {
    const error = await drivers.waitFor(() => false, 30, 'nothing').catch((e: Error) => e);
    expect((error as Error).message).to.match(/Timed out after 30 ms waiting for nothing/);
  });
});
