/**
 * The emulator's 429s say what Discord's say (discord-api-docs, topics/rate-limits "Header
 * Format" and "Exceeding A Rate Limit"), forced ones included: a route's 429 names the route's
 * real bucket, a global one carries no bucket headers, a shared one keeps the bucket's real
 * remaining, and no body carries a `code` Discord would not send.
 */
import { expect } from 'chai';
import { silentLogger } from '../../../shared/logger.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';
import { botFetch } from './voice-helpers.js';

const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';

describe('rate limits: forced 429s answer as Discord does (realistic profile)', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  const move = (i: number) =>
    botFetch(emu, 'PATCH', `/guilds/${seeded.guild.id}/members/${seeded.members[i]!.id}`, {
      channel_id: seeded.channels['Room 1']!.id,
    });

  beforeEach(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger(), rateLimitProfile: 'realistic' });
    seeded = seedGuild(emu.state, { memberCount: 4 });
    for (const m of seeded.members) emu.state.voice.join(seeded.guild.id, m.id, seeded.channels.Lounge!.id);
  });

  afterEach(async () => {
    await emu.stop();
  });

  it('names the route’s own bucket in a forced user-scope 429, with Retry-After and no code', async () => {
    const ok = await move(0);
    emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: 40 });
    const limited = await move(1);
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('x-ratelimit-bucket')).to.equal(ok.headers.get('x-ratelimit-bucket'));
    expect(limited.headers.get('x-ratelimit-limit')).to.equal('10');
    expect(limited.headers.get('x-ratelimit-remaining')).to.equal('0');
    expect(limited.headers.get('x-ratelimit-scope')).to.equal('user');
    expect(Number(limited.headers.get('retry-after'))).to.equal(0.04);
    expect(limited.headers.get('x-ratelimit-global')).to.equal(null);
    expect(limited.body).to.deep.equal({
      message: 'You are being rate limited.',
      retry_after: 0.04,
      global: false,
    });
    // The forced 429 was not a request the bucket counts: the next move sees 8 left.
    expect((await move(1)).headers.get('x-ratelimit-remaining')).to.equal('8');
  });

  it('keeps the bucket’s real remaining in a shared-scope 429 and says "resource"', async () => {
    await move(0);
    await move(1);
    emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: 40, scope: 'shared' });
    const limited = await move(2);
    expect([limited.status, limited.headers.get('x-ratelimit-scope')]).to.deep.equal([429, 'shared']);
    expect(limited.headers.get('x-ratelimit-remaining')).to.equal('8');
    expect(limited.body.message).to.equal('The resource is being rate limited.');
    expect(limited.body).to.not.have.property('code');
  });

  it('answers a forced global 429 without bucket headers, as Discord’s global limit does', async () => {
    emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: 40, global: true });
    const limited = await move(0);
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('x-ratelimit-global')).to.equal('true');
    expect(limited.headers.get('x-ratelimit-scope')).to.equal('global');
    expect(limited.headers.get('x-ratelimit-bucket')).to.equal(null);
    expect(limited.headers.get('x-ratelimit-limit')).to.equal(null);
    expect(limited.body).to.deep.equal({
      message: 'You are being rate limited.',
      retry_after: 0.04,
      global: true,
    });
  });
});
