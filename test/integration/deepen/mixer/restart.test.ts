import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';

const MINUTE = 60_000;

describe('Deepen: a mixer survives its worker (killed mid-round, another finishes it)', function () {
  this.timeout(90_000);
  useMongoose('mixer_restart');
  let w: MixerWorld;

  beforeEach(async () => {
    w = await startMixerWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  it('resumes the round with its stored deadline, puts a stranded member back, waits out a dead lease and finishes with nothing left behind', async () => {
    const { runId } = await startAndConfirm(w, {
      group_size: 4,
      rounds: 2,
      minutes: 3,
      strategies: 'industry, mixed',
    });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const deadline = round0.roundEndsAt!.getTime();

    // The worker dies mid-round holding the lease; meanwhile someone wanders back to the lobby.
    await MixerRun.updateOne(
      { runId },
      { $set: { lease: { owner: 'dead-worker', until: new Date(w.clock.now.getTime() + MINUTE) } } },
    );
    const wanderer = w.alumni[0]!;
    const room = w.voiceOf(wanderer)!;
    await w.bot.client.destroy();
    w.drivers.voiceMove(w.guildId, wanderer, w.lobbyId);
    await w.restartWorker();

    // The new worker cannot drive yet (lease), so it schedules a resume for when the lease ends.
    await w.until(
      async () => (await w.db().collection('agendaJobs').countDocuments({ name: 'mixer:resume' })) === 1,
      'resume job',
    );
    expect(w.voiceOf(wanderer)).to.equal(w.lobbyId);
    await passTime(w, MINUTE + 2000);
    await w.until(() => w.voiceOf(wanderer) === room, 'the stranded member back in their room');
    const resumed = await MixerRun.findOne({ runId }).lean();
    expect(resumed!.roundEndsAt!.getTime()).to.equal(deadline);
    expect(resumed!.phase).to.equal('talking');

    await passTime(w, 2 * MINUTE);
    await untilPhase(w, runId, 'talking', 1);
    expect((await MixerRun.findOne({ runId }).lean())!.rooms).to.deep.equal(round0.rooms);

    // Killed again in the last round; the clock passes its end while no worker runs.
    await w.bot.client.destroy();
    w.clock.advanceMs(10 * MINUTE);
    await w.restartWorker();
    const done = await untilPhase(w, runId, 'done');
    for (const id of [w.organiserId, ...w.alumni]) expect(w.voiceOf(id), `member ${id}`).to.equal(w.lobbyId);
    expect(w.emu.state.channels.find(done.categoryId!)).to.equal(undefined);
    expect(w.childrenOf(done.categoryId!)).to.deep.equal([]);
    for (const id of done.rooms) expect(w.emu.state.channels.find(id)).to.equal(undefined);
  });
  it('finishes a transition a killed worker left half done, moving only those who were still waiting', async () => {
    w.emu.rateLimits.useProfile('realistic');
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 3 });
    // The member bucket lets 10 moves through at once; the worker dies while the rest wait.
    await w.until(
      async () => {
        const doc = await MixerRun.findOne({ runId }).lean();
        return doc?.phase === 'moving' && doc.moves!.done >= 10 ? doc : null;
        // Setup first grants the room role to 14 people through its own bucket (10, then ~10 s).
      },
      'the first burst of moves',
      30_000,
    );
    // A killed process sends nothing more: its queued moves never reach Discord.
    w.bot.client.rest.setToken('killed-worker');
    await w.bot.client.destroy();
    const stillInLobby = w.alumni.filter((id) => w.voiceOf(id) === w.lobbyId);
    expect(stillInLobby.length).to.be.within(1, 3);
    const moved = new Set<string>();
    w.emu.state.onDispatch((event, data) => {
      if (event === 'VOICE_STATE_UPDATE') moved.add((data as { user_id: string }).user_id);
    });
    await w.restartWorker();
    // The dead worker's lease holds until it runs out (60 s on the test clock).
    await passTime(w, MINUTE + 2000);
    const run = await untilPhase(w, runId, 'talking', 0, 40_000);
    const groups = (run.state as { rounds: string[][][] }).rounds[0]!;
    groups.forEach((members, g) => {
      for (const id of members) expect(w.voiceOf(id)).to.equal(run.rooms[run.roomOfGroup[0]![g]!]);
    });
    // Only the people still waiting were moved after the restart (the in-process "kill" cannot
    // stop a request the old client had already queued, so one of them may be moved twice).
    expect([...moved].sort()).to.deep.equal([...stillInLobby].sort());
  });
});
