/**
 * The global limit, switching profiles at run time, and the invalid-request count (401/403/429 per
 * 10 minutes) a benchmark reads to show a bot stays far from Discord's 10,000 ban threshold.
 */
import { expect } from 'chai';
import { silentLogger } from '../../../shared/logger.js';
import {
  REALISTIC_PROFILE,
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type RateLimitProfile,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';
import { botFetch } from './voice-helpers.js';

describe('rate profile: global limit and profile switching', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;

  beforeEach(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { memberCount: 12 });
    for (const m of seeded.members) emu.state.voice.join(seeded.guild.id, m.id, seeded.channels.Lounge!.id);
  });

  afterEach(async () => {
    await emu.stop();
  });

  it('has no limits by default: 12 moves in a row all pass', async () => {
    expect(emu.rateLimits.profile).to.equal(undefined);
    for (const m of seeded.members) {
      const res = await botFetch(emu, 'PATCH', `/guilds/${seeded.guild.id}/members/${m.id}`, {
        channel_id: seeded.channels['Room 1']!.id,
      });
      expect(res.status).to.equal(200);
    }
  });

  it('switches to the realistic profile and back at run time', async () => {
    const moveTo = (i: number) =>
      botFetch(emu, 'PATCH', `/guilds/${seeded.guild.id}/members/${seeded.members[i]!.id}`, {
        channel_id: seeded.channels['Room 2']!.id,
      });
    emu.rateLimits.useProfile('realistic');
    expect(emu.rateLimits.profile?.name).to.equal('realistic');
    for (let i = 0; i < 10; i++) await moveTo(i);
    expect((await moveTo(10)).status).to.equal(429);
    emu.rateLimits.useProfile('off');
    expect((await moveTo(10)).status).to.equal(200);
  });

  it('answers Discord’s global 429 past the global limit, and spares routes without bot auth', async () => {
    // The realistic figure (50 per second) with a window long enough that the test cannot straddle it.
    const profile: RateLimitProfile = {
      ...REALISTIC_PROFILE,
      global: { ...REALISTIC_PROFILE.global!, windowMs: 60_000 },
    };
    emu.rateLimits.useProfile(profile);
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => botFetch(emu, 'GET', `/channels/${seeded.channels.general!.id}`)),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).to.have.length(50);
    expect(limited).to.have.length(10);
    expect(limited[0]!.headers.get('x-ratelimit-global')).to.equal('true');
    expect(limited[0]!.headers.get('x-ratelimit-scope')).to.equal('global');
    expect(limited[0]!.headers.get('x-ratelimit-bucket')).to.equal(null);
    expect(limited[0]!.body).to.include({ global: true, message: 'You are being rate limited.' });
    const gateway = await fetch(`${emu.restBase}/v10/gateway`);
    expect(gateway.status).to.equal(200);
  });

  it('keeps forceNext working with a profile on', async () => {
    emu.rateLimits.useProfile('realistic');
    emu.rateLimits.forceNext(1, { route: 'GET /channels/:channelId', retryAfterMs: 20 });
    expect((await botFetch(emu, 'GET', `/channels/${seeded.channels.general!.id}`)).status).to.equal(429);
    expect((await botFetch(emu, 'GET', `/channels/${seeded.channels.general!.id}`)).status).to.equal(200);
  });
});

describe('rate profile: invalid requests (Discord bans an IP at 10,000 per 10 minutes)', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { memberCount: 1 });
  });

  after(async () => {
    await emu.stop();
  });

  it('counts 401, 403 and 429 answers, but not shared-scope 429s, 404s or successes', async () => {
    const general = `/channels/${seeded.channels.general!.id}`;
    expect(emu.rateLimits.invalidRequests()).to.equal(0);
    expect((await botFetch(emu, 'GET', general, undefined, 'not-a-token')).status).to.equal(401);
    const hidden = await botFetch(emu, 'DELETE', `/guilds/${seeded.guild.id}/members/${seeded.owner.id}`);
    expect(hidden.status).to.equal(403);
    emu.rateLimits.forceNext(1, { retryAfterMs: 10 });
    expect((await botFetch(emu, 'GET', general)).status).to.equal(429);
    expect(emu.rateLimits.invalidRequests()).to.equal(3);
    emu.rateLimits.forceNext(1, { retryAfterMs: 10, scope: 'shared' });
    const shared = await botFetch(emu, 'GET', general);
    expect([shared.status, shared.body.message]).to.deep.equal([429, 'The resource is being rate limited.']);
    expect((await botFetch(emu, 'GET', '/channels/123')).status).to.equal(404);
    expect((await botFetch(emu, 'GET', general)).status).to.equal(200);
    expect(emu.rateLimits.invalidRequests()).to.equal(3);
  });
});
