/**
 * The `/_emulator` control API: the drivers and inspectors over HTTP, as the sandbox and outside
 * scripts use them, with a bot answering through the REST API.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'chai';
import { fromLoopback, isLoopbackAddress } from '../../../sandbox/discord/control-api.js';
import { silentLogger } from '../../../shared/logger.js';
import {
  startDiscordEmulator,
  seedGuild,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

describe('emulator control API', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;

  const control = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${emu.baseUrl}/_emulator${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  /** Acts as the bot: answers through the REST API like discord.js would. */
  const bot = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emu.restBase}/v10${path}`, {
      method,
      headers: { Authorization: `Bot ${emu.botToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { name: 'Acme', memberCount: 3 });
    await bot('PUT', `/applications/${emu.application.id}/guilds/${seeded.guild.id}/commands`, [
      { name: 'ping', description: 'Ping' },
    ]);
  });

  after(async () => {
    await emu?.stop();
  });

  it('describes the emulator: URLs, application, guilds with channels and roles, commands', async () => {
    const { status, body } = await control('GET', '/state');
    expect(status).to.equal(200);
    expect(body.restBase).to.equal(emu.restBase);
    expect(body.application.id).to.equal(emu.application.id);
    expect(body.guilds[0].channels.map((c: { name: string }) => c.name)).to.include('general');
    expect(body.commands.map((c: { name: string }) => c.name)).to.deep.equal(['ping']);
  });

  it('lets a new person join through an invite, counting the use', async () => {
    const invite = emu.state.invites.create(seeded.channels['general']!.id, { inviterId: seeded.owner.id });
    const joined = await control('POST', `/guilds/${seeded.guild.id}/members`, {
      username: 'newcomer',
      inviteCode: invite.code,
    });
    expect(joined.status).to.equal(200);
    expect(joined.body.user.username).to.equal('newcomer');
    expect(emu.state.invites.get(invite.code).uses).to.equal(1);
    const roles = await control('GET', `/guilds/${seeded.guild.id}/members/${joined.body.user.id}/roles`);
    expect(roles.body).to.deep.equal([]);
  });

  it('runs a slash command and waits for the bot’s reply', async () => {
    const started = await control('POST', '/interactions/slash', {
      guildId: seeded.guild.id,
      channelId: seeded.channels['general']!.id,
      userId: seeded.members[0]!.id,
      name: 'ping',
    });
    expect(started.status).to.equal(200);
    const waiting = control('GET', `/interactions/${started.body.id}/wait?for=reply&timeoutMs=3000`);
    await bot('POST', `/interactions/${started.body.id}/${started.body.token}/callback`, {
      type: 4,
      data: { content: 'pong' },
    });
    const reply = await waiting;
    expect(reply.body.content).to.equal('pong');
    const described = await control('GET', `/interactions/${started.body.id}`);
    expect(described.body.acknowledged).to.equal(4);
    const messages = await control('GET', `/channels/${seeded.channels['general']!.id}/messages`);
    expect(messages.body.map((m: { content: string }) => m.content)).to.include('pong');
  });

  it('moves a person through voice channels', async () => {
    const userId = seeded.members[1]!.id;
    await control('POST', '/voice/join', {
      guildId: seeded.guild.id,
      userId,
      channelId: seeded.channels['Lounge']!.id,
    });
    await control('POST', '/voice/move', {
      guildId: seeded.guild.id,
      userId,
      channelId: seeded.channels['Room 1']!.id,
    });
    expect(emu.state.voice.find(seeded.guild.id, userId)?.channelId).to.equal(seeded.channels['Room 1']!.id);
    await control('POST', '/voice/leave', { guildId: seeded.guild.id, userId });
    expect(emu.state.voice.find(seeded.guild.id, userId)).to.equal(undefined);
  });

  it('closes a person’s DMs so the bot gets 50007', async () => {
    const userId = seeded.members[2]!.id;
    expect((await control('PUT', `/users/${userId}/dms`, { closed: true })).status).to.equal(204);
    const dm = await bot('POST', '/users/@me/channels', { recipient_id: userId });
    const sent = await bot('POST', `/channels/${dm.body.id}/messages`, { content: 'hi' });
    expect(sent.body.code).to.equal(50007);
    expect((await control('GET', `/users/${userId}/dms`)).body).to.deep.equal([]);
  });

  it('changes settings: OAuth2 default user and the interaction response window', async () => {
    const res = await control('PUT', '/settings', {
      oauth2DefaultUserId: seeded.owner.id,
      interactionResponseMs: 1500,
    });
    expect(res.body).to.include({ oauth2DefaultUserId: seeded.owner.id, interactionResponseMs: 1500 });
  });

  it('answers 400 with a plain reason when a person could not do that', async () => {
    const res = await control('POST', '/interactions/slash', {
      guildId: seeded.guild.id,
      channelId: seeded.channels['general']!.id,
      userId: seeded.members[0]!.id,
      name: 'nope',
    });
    expect(res.status).to.equal(400);
    expect(res.body.error).to.match(/No slash command \/nope/);
  });

  it('refuses requests that come through a proxy (X-Forwarded-For)', async () => {
    const res = await control('GET', '/state', undefined, { 'X-Forwarded-For': '203.0.113.9' });
    expect(res.status).to.equal(403);
  });

  it('refuses a loopback caller that names another Host (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${emu.baseUrl}/_emulator/state`, { headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).to.equal(403);
  });
});

describe('emulator control API loopback guard', () => {
  const req = (remoteAddress: string, headers: IncomingHttpHeaders = { host: '127.0.0.1:8790' }) => ({
    remoteAddress,
    headers,
  });

  it('treats 127.0.0.0/8, ::1 and IPv4-mapped 127.x as loopback', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.9.9.9'])
      expect(isLoopbackAddress(address), address).to.equal(true);
  });

  it('treats other, malformed and unknown addresses as remote', () => {
    for (const address of [
      '10.0.0.1',
      '203.0.113.9',
      '::ffff:10.0.0.1',
      'fe80::1',
      '128.0.0.1',
      '127.0.0',
      '127.0.0.256',
      '',
    ])
      expect(isLoopbackAddress(address), address).to.equal(false);
  });

  it('serves a loopback peer addressing the emulator by a loopback name', () => {
    expect(fromLoopback(req('127.0.0.1'))).to.equal(true);
    expect(fromLoopback(req('::ffff:127.0.0.1', { host: 'localhost:8790' }))).to.equal(true);
    expect(fromLoopback(req('::1', { host: '[::1]:8790' }))).to.equal(true);
  });

  it('refuses a remote peer even when it sends a loopback Host header', () => {
    expect(fromLoopback(req('192.168.1.20'))).to.equal(false);
    expect(fromLoopback(req('::ffff:192.168.1.20', { host: 'localhost' }))).to.equal(false);
    expect(fromLoopback(req(''))).to.equal(false);
  });

  it('refuses a loopback peer relaying for someone else (X-Forwarded-For) or naming another host', () => {
    expect(fromLoopback(req('127.0.0.1', { host: '127.0.0.1', 'x-forwarded-for': '203.0.113.9' }))).to.equal(
      false,
    );
    expect(fromLoopback(req('127.0.0.1', { host: 'evil.example' }))).to.equal(false);
  });
});
