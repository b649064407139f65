/**
 * A full reshuffle through discord.js's REST queue under the realistic profile: every move
 * completes, and the time taken respects the per-guild member bucket (10 per 10 s), whether one
 * queue paces itself from the headers or two queues (two workers) collide and meet a 429.
 */
import { expect } from 'chai';
import { REST, RESTEvents, Routes, type RateLimitData } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import {
  REALISTIC_PROFILE,
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

const MEMBER_BUCKET = REALISTIC_PROFILE.buckets.find((b) => b.name === 'guild-member-modify')!;

describe('rate profile: 20 voice moves through discord.js', function () {
  this.timeout(60_000);
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  let dispatchedMoves: number;

  beforeEach(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger(), rateLimitProfile: 'realistic' });
    seeded = seedGuild(emu.state, { memberCount: 20 });
    for (const m of seeded.members) emu.state.voice.join(seeded.guild.id, m.id, seeded.channels.Lounge!.id);
    dispatchedMoves = 0;
    emu.state.onDispatch((event) => {
      if (event === 'VOICE_STATE_UPDATE') dispatchedMoves += 1;
    });
  });

  afterEach(async () => {
    await emu.stop();
  });

  /** Moves every member into Room 1 or Room 2 through `rests` (member i through rests[i % n]). */
  async function reshuffle(rests: REST[]): Promise<number> {
    const started = Date.now();
    await Promise.all(
      seeded.members.map((m, i) =>
        rests[i % rests.length]!.patch(Routes.guildMember(seeded.guild.id, m.id), {
          body: { channel_id: seeded.channels[i % 2 ? 'Room 2' : 'Room 1']!.id },
        }),
      ),
    );
    return Date.now() - started;
  }

  const expectEveryoneMoved = () => {
    const rooms = seeded.members.map((m) => emu.state.voice.find(seeded.guild.id, m.id)?.channelId);
    expect(rooms.filter((r) => r === seeded.channels['Room 1']!.id)).to.have.length(10);
    expect(rooms.filter((r) => r === seeded.channels['Room 2']!.id)).to.have.length(10);
    expect(dispatchedMoves).to.equal(20);
  };

  it('completes all 20 moves from one queue, paced by the headers, in no less than one bucket window', async () => {
    const rest = new REST({ api: emu.restBase }).setToken(emu.botToken);
    const elapsed = await reshuffle([rest]);
    expectEveryoneMoved();
    // 10 pass at once, the next 10 once the window resets: at least windowMs after the first move.
    expect(elapsed).to.be.at.least(MEMBER_BUCKET.windowMs - 50);
    expect(elapsed).to.be.below(40_000);
    expect(emu.rateLimits.served).to.deep.equal([]); // discord.js waited on X-RateLimit-Remaining: 0
  });

  it('completes all 20 moves from two queues sharing the guild bucket, retrying the 429 one of them meets', async () => {
    const rests = [0, 1].map(() => new REST({ api: emu.restBase }).setToken(emu.botToken));
    const limited: RateLimitData[] = [];
    for (const rest of rests) rest.on(RESTEvents.RateLimited, (info) => limited.push(info));
    const elapsed = await reshuffle(rests);
    expectEveryoneMoved();
    expect(elapsed).to.be.at.least(MEMBER_BUCKET.windowMs - 50);
    expect(emu.rateLimits.served.length).to.be.at.least(1);
    expect(emu.rateLimits.served.every((s) => s.bucket === 'guild-member-modify')).to.equal(true);
    expect(emu.rateLimits.invalidRequests()).to.equal(emu.rateLimits.served.length);
    expect(limited.length).to.be.at.least(1);
  });
});
