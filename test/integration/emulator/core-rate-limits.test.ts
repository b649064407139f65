/**
 * Rate limits: a forced 429 is retried by discord.js and the action completes; configured
 * buckets answer with Discord's headers and body.
 */
import { expect } from 'chai';
import { RESTEvents, type RateLimitData } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import { seedGuild, startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';

describe('emulator core: rate limits', () => {
  let world: CoreWorld;

  before(async () => {
    world = await startCoreWorld();
  });

  after(async () => {
    await world.stop();
  });

  it('makes discord.js retry a forced 429 and complete the role grant', async () => {
    const { emu, seeded, client } = world;
    const limited: RateLimitData[] = [];
    client.rest.on(RESTEvents.RateLimited, (info) => limited.push(info));
    emu.rateLimits.forceNext(2, {
      route: 'PUT /guilds/:guildId/members/:userId/roles/:roleId',
      retryAfterMs: 30,
    });
    const target = seeded.members[0]!;
    const guild = client.guilds.cache.get(seeded.guild.id)!;
    await guild.members.addRole({ user: target.id, role: seeded.roles.Alumni!.id });
    expect(emu.rateLimits.served.map((s) => s.route)).to.deep.equal([
      'PUT /guilds/:guildId/members/:userId/roles/:roleId',
      'PUT /guilds/:guildId/members/:userId/roles/:roleId',
    ]);
    expect(limited.length).to.equal(2);
    expect(emu.state.members.get(guild.id, target.id).roles).to.include(seeded.roles.Alumni!.id);
  });

  it('retries a forced global 429 for a message send', async () => {
    const { emu, seeded, client } = world;
    emu.rateLimits.forceNext(1, { global: true, retryAfterMs: 20 });
    const channel = client.channels.cache.get(seeded.channels.general!.id);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const message = await channel.send('after a global limit');
    expect(emu.state.messages.get(channel.id, message.id).content).to.equal('after a global limit');
  });
});

describe('emulator core: configured rate-limit buckets', () => {
  it('answers with X-RateLimit headers, then 429 with retry_after and Retry-After', async () => {
    const emu = await startDiscordEmulator({
      logger: silentLogger(),
      rateLimits: { routes: { 'GET /channels/:channelId': { limit: 1, windowMs: 60_000 } } },
    });
    try {
      const seeded = seedGuild(emu.state);
      const url = `${emu.restBase}/v10/channels/${seeded.channels.general!.id}`;
      const headers = { Authorization: `Bot ${emu.botToken}` };
      const first = await fetch(url, { headers });
      expect(first.status).to.equal(200);
      expect(first.headers.get('x-ratelimit-limit')).to.equal('1');
      expect(first.headers.get('x-ratelimit-remaining')).to.equal('0');
      expect(first.headers.get('x-ratelimit-bucket')).to.be.a('string');
      const second = await fetch(url, { headers });
      expect(second.status).to.equal(429);
      expect(Number(second.headers.get('retry-after'))).to.be.greaterThan(0);
      expect(second.headers.get('x-ratelimit-scope')).to.equal('user');
      const body = (await second.json()) as { message: string; retry_after: number; global: boolean };
      expect(body.message).to.equal('You are being rate limited.');
      expect(body.retry_after).to.be.greaterThan(0);
      expect(body.global).to.equal(false);
      const otherChannel = await fetch(`${emu.restBase}/v10/channels/${seeded.channels.welcome!.id}`, {
        headers,
      });
      expect(otherChannel.status).to.equal(200);
    } finally {
      await emu.stop();
    }
  });
});
