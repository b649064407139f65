/**
 * A whole mixer through the bot under the emulator's realistic rate-limit profile (one per-guild
 * bucket for member moves, about 10 per 10 s) with a 429 storm on the moves: every move completes,
 * the move queue sees each 429 (user, global and shared scope) and pays for it once, and the
 * invalid requests Discord would count towards its IP ban (401/403/429 except shared-scope 429s,
 * 10,000 per 10 minutes: discord-api-docs, topics/rate-limits) stay within a stated bound.
 */
import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { DISCORD_INVALID_LIMIT } from '../../../../shared/deepen/mixer/move-pacer.js';

const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';
const MINUTE = 60_000;

type RunDoc = NonNullable<Awaited<ReturnType<typeof untilPhase>>>;

describe('Deepen: a mixer’s moves against Discord’s rate limits (realistic profile, 429 storm)', function () {
  this.timeout(120_000);
  useMongoose('mixer_rate_limits');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  /** A storm on the move route: `user` and `global` 429s count as invalid, `shared` ones do not. */
  function storm(world: MixerWorld, user: number, global: number, shared: number): number {
    const limits = world.emu.rateLimits;
    limits.forceNext(user, { route: MOVE_ROUTE, retryAfterMs: 40 });
    if (global) limits.forceNext(global, { route: MOVE_ROUTE, retryAfterMs: 40, global: true });
    if (shared) limits.forceNext(shared, { route: MOVE_ROUTE, retryAfterMs: 40, scope: 'shared' });
    return user + global + shared;
  }

  function expectSeated(world: MixerWorld, run: RunDoc, round: number): void {
    const groups = (run.state as { rounds: string[][][] }).rounds[round]!;
    groups.forEach((members, g) => {
      const room = run.rooms[run.roomOfGroup[round]![g]!];
      for (const id of members) expect(world.voiceOf(id), `round ${round}, group ${g}`).to.equal(room);
    });
  }

  it('moves everyone in, between rounds and back through a 429 storm, paying each 429 once', async () => {
    w = await startMixerWorld({ alumni: 12 });
    w.emu.rateLimits.useProfile('realistic');
    const invalidBefore = w.emu.rateLimits.invalidRequests();
    const movesServedBefore = w.emu.rateLimits.served.filter((s) => s.route === MOVE_ROUTE).length;

    let forced = storm(w, 5, 1, 3);
    let countable = 5 + 1;
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 1 });
    const round0 = await untilPhase(w, runId, 'talking', 0, 60_000);
    expectSeated(w, round0, 0);

    // The next round's moves meet the storm again, on top of a bucket the first moves half used.
    forced += storm(w, 4, 0, 2);
    countable += 4;
    await passTime(w, MINUTE + 1000);
    const round1 = await untilPhase(w, runId, 'talking', 1, 60_000);
    expectSeated(w, round1, 1);

    forced += storm(w, 3, 0, 0);
    countable += 3;
    await passTime(w, MINUTE + 1000);
    const done = await untilPhase(w, runId, 'done', undefined, 60_000);
    for (const id of [w.organiserId, ...w.alumni]) expect(w.voiceOf(id)).to.equal(w.lobbyId);
    for (const id of [...done.rooms, done.categoryId!])
      expect(w.emu.state.channels.find(id)).to.equal(undefined);

    // Every forced 429 reached a move (none left over), and the queue saw each one of them.
    const served = w.emu.rateLimits.served.filter((s) => s.route === MOVE_ROUTE).length - movesServedBefore;
    expect(served).to.equal(forced);
    const pacer = w.bot.ctx.services.mixer.moves.stats();
    expect(pacer.served429).to.equal(forced);
    expect(pacer.invalid).to.equal(countable);
    // Bound: the storm's countable 429s, each paid once (the queue paces itself from the
    // bucket's headers, so it meets no 429 of its own), plus at most 3 other invalid answers.
    const invalid = w.emu.rateLimits.invalidRequests() - invalidBefore;
    expect(invalid).to.be.at.least(countable);
    expect(invalid).to.be.at.most(countable + 3);
    expect(invalid).to.be.below(DISCORD_INVALID_LIMIT / 100);
    // 12 moves into the rooms outrun the bucket's 10: the queue waited for the reset it read in
    // X-RateLimit-Reset-After rather than let discord.js hold the request back or meet a 429.
    expect(pacer.pacedWaits).to.be.at.least(1);
  });
});
