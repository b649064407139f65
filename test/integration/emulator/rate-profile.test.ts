/**
 * The realistic rate-limit profile: Discord's per-guild member-edit bucket, channel creation under
 * bursts, 2 renames per 10 minutes, the global limit, and the invalid-request count behind
 * Discord's IP bans. Raw requests show the 429s; discord.js shows how a bot meets them.
 */
import { expect } from 'chai';
import { ChannelType, PermissionFlagsBits, RateLimitError, REST, Routes } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import {
  REALISTIC_PROFILE,
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../sandbox/discord/state/seed.js';
import { botFetch } from './voice-helpers.js';

const move = (emu: DiscordEmulator, seeded: SeededGuild, i: number, channel: string) =>
  botFetch(emu, 'PATCH', `/guilds/${seeded.guild.id}/members/${seeded.members[i]!.id}`, {
    channel_id: channel,
  });

describe('rate profile: realistic', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  const room = () => seeded.channels['Room 1']!.id;

  beforeEach(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger(), rateLimitProfile: 'realistic' });
    seeded = seedGuild(emu.state, {
      memberCount: 12,
      botPermissions: DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.ManageNicknames,
    });
    for (const m of seeded.members) emu.state.voice.join(seeded.guild.id, m.id, seeded.channels.Lounge!.id);
  });

  afterEach(async () => {
    await emu.stop();
  });

  it('shares one bucket per guild between member moves and edits: the 11th in 10 s is a 429', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await move(emu, seeded, i, room()));
    for (let i = 8; i < 10; i++)
      answers.push(
        await botFetch(emu, 'PATCH', `/guilds/${seeded.guild.id}/members/${seeded.members[i]!.id}`, {
          nick: `n${i}`,
        }),
      );
    expect(answers.map((a) => a.status)).to.deep.equal(Array(10).fill(200));
    expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).to.deep.equal([
      '9',
      '8',
      '7',
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
      '0',
    ]);
    expect(new Set(answers.map((a) => a.headers.get('x-ratelimit-bucket'))).size).to.equal(1);
    const limited = await move(emu, seeded, 10, room());
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('x-ratelimit-scope')).to.equal('user');
    expect(limited.headers.get('x-ratelimit-bucket')).to.equal(answers[0]!.headers.get('x-ratelimit-bucket'));
    expect(limited.headers.get('x-ratelimit-limit')).to.equal('10');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).to.be.within(1, 10);
    expect(limited.body).to.include({ message: 'You are being rate limited.', global: false });
    expect(limited.body).to.not.have.property('code'); // docs: `code?` only for some limits
    expect(limited.body.retry_after).to.be.within(0, 10);
    expect(emu.state.voice.find(seeded.guild.id, seeded.members[10]!.id)?.channelId).to.not.equal(room());
  });

  it('keeps another guild’s member edits in a window of their own', async () => {
    const other = seedGuild(emu.state, { name: 'Beta', memberCount: 1 });
    emu.state.voice.join(other.guild.id, other.members[0]!.id, other.channels.Lounge!.id);
    for (let i = 0; i < 10; i++) await move(emu, seeded, i, room());
    expect((await move(emu, seeded, 10, room())).status).to.equal(429);
    expect((await move(emu, other, 0, other.channels['Room 1']!.id)).status).to.equal(200);
  });

  it('allows 2 renames of a channel per 10 minutes; other edits and other channels are not held back', async () => {
    const rename = (id: string, name: string) => botFetch(emu, 'PATCH', `/channels/${id}`, { name });
    const first = await rename(room(), 'Group A');
    expect([
      first.status,
      first.headers.get('x-ratelimit-limit'),
      first.headers.get('x-ratelimit-remaining'),
    ]).to.deep.equal([200, '2', '1']);
    expect((await rename(room(), 'Group B')).status).to.equal(200);
    const third = await rename(room(), 'Group C');
    expect(third.status).to.equal(429);
    expect(Number(third.headers.get('retry-after'))).to.be.within(590, 600);
    expect(third.body.retry_after).to.be.within(590, 600);
    expect(emu.state.channels.get(room()).name).to.equal('Group B');
    expect((await rename(room(), 'Group B')).status).to.equal(200); // same name: no change, not counted
    expect((await botFetch(emu, 'PATCH', `/channels/${room()}`, { user_limit: 4 })).status).to.equal(200);
    expect((await rename(seeded.channels['Room 2']!.id, 'Group D')).status).to.equal(200);
  });

  it('makes discord.js refuse a third rename instead of waiting 10 minutes when told to reject', async () => {
    const rest = new REST({ api: emu.restBase, rejectOnRateLimit: ['/channels'] }).setToken(emu.botToken);
    await rest.patch(Routes.channel(room()), { body: { name: 'Group A' } });
    await rest.patch(Routes.channel(room()), { body: { name: 'Group B' } });
    const error = await rest
      .patch(Routes.channel(room()), { body: { name: 'Group C' } })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RateLimitError);
    expect((error as RateLimitError).timeToReset).to.be.greaterThan(590_000);
    expect(emu.rateLimits.served).to.deep.equal([]); // discord.js read the headers and never sent it
  });

  it('slows channel creation under a burst: the 6th creation within 5 s is a 429', async () => {
    const create = (i: number) =>
      botFetch(emu, 'POST', `/guilds/${seeded.guild.id}/channels`, {
        name: `Breakout ${i}`,
        type: ChannelType.GuildVoice,
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await create(i)).status);
    expect(statuses).to.deep.equal([201, 201, 201, 201, 201, 429]);
    expect(
      emu.state.channels.list(seeded.guild.id).filter((c) => c.name?.startsWith('Breakout')),
    ).to.have.length(5);
  });

  it('names its figures and their sources', () => {
    expect(REALISTIC_PROFILE.global).to.include({ limit: 50, windowMs: 1000 });
    const byName = Object.fromEntries(REALISTIC_PROFILE.buckets.map((b) => [b.name, b]));
    expect(byName['guild-member-modify']).to.include({ limit: 10, windowMs: 10_000, per: 'guildId' });
    expect(byName['channel-name-topic']).to.include({ limit: 2, windowMs: 600_000, per: 'channelId' });
    for (const bucket of REALISTIC_PROFILE.buckets)
      expect(bucket.source).to.match(/^(documented|Discord staff|observed|assumed):/);
  });
});
