/**
 * The move queue takes over rate limits only for its own moves. Member edits share one route
 * (PATCH /guilds/{g}/members/{u}) with the welcome's role grants; once a mixer has hooked the
 * client's REST, a grant that meets a 429 must still be waited out by discord.js, not fail with
 * a RateLimitError (the sandbox showed "could not grant roles" after its demo mixer).
 */
import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';

const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';

describe('Deepen: the move queue’s rate-limit hook leaves other member edits to discord.js', function () {
  this.timeout(60_000);
  useMongoose('mixer_moves_hook');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('waits out a 429 on a role grant after a mixer moved people, and the grant lands', async () => {
    w = await startMixerWorld({ alumni: 6 });
    const { runId } = await startAndConfirm(w, { group_size: 3, rounds: 1, minutes: 5 });
    await untilPhase(w, runId, 'talking', 0, 30_000);

    const guild = w.bot.client.guilds.cache.get(w.guildId)!;
    const role = await guild.roles.create({ name: 'Grant probe' });
    const userId = w.alumni[0]!;
    const served = () => w!.emu.rateLimits.served.filter((s) => s.route === MOVE_ROUTE).length;
    const before = served();
    w.emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: 50 });

    await guild.members.edit(userId, { roles: [role.id] });

    expect(served() - before, 'the forced 429 was served').to.equal(1);
    expect(w.emu.state.members.get(w.guildId, userId)?.roles).to.include(role.id);
  });
});
