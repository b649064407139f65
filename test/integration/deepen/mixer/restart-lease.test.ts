/**
 * One worker drives a mixer at a time, also while a step waits out a Retry-After longer than the
 * lease: the worker (a real process, with a 10 s lease here instead of production's 60 s) renews
 * the lease while it waits, so nobody else can take it; and a worker whose lease was taken
 * anyway stops: no more moves, no more writes.
 */
import { expect } from 'chai';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import {
  startMixerProcessWorld,
  type MixerProcessWorld,
  type MixerWorkerProcess,
} from '../../../support/mixer-process.js';
import { startAndConfirm, storedRun, untilPhase } from '../../../support/mixer-process-steps.js';
import { acquireLease } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';

const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';
/**
 * Renewed every ~3.3 s: a renewal would have to be ~6.7 s late to lose it (margin for a 2-core
 * machine with two workers and mocha compiling at once).
 */
const LEASE_MS = 10_000;
/** More than three leases long. */
const RETRY_AFTER_MS = 40_000;

describe('Deepen: the mixer lease across a long Retry-After', function () {
  this.timeout(180_000);
  useMongoose('mixer_lease');
  let w: MixerProcessWorld;
  let worker: MixerWorkerProcess;

  beforeEach(async () => {
    w = await startMixerProcessWorld();
    worker = await w.startWorker('worker-a', { leaseMs: LEASE_MS });
  });
  afterEach(async () => {
    await w.stop();
  });

  /** Resolves once the first move got its 429 (the worker now waits RETRY_AFTER_MS). */
  async function startWaitingOnRetryAfter(): Promise<{ runId: string; limitedAt: number }> {
    w.emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: RETRY_AFTER_MS });
    const served = w.emu.rateLimits.served.length;
    const runId = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 3 });
    await w.until(() => w.emu.rateLimits.served.length > served, 'the 429 on the first move');
    return { runId, limitedAt: Date.now() };
  }

  it('renews the lease while the move waits, so a second worker cannot take the mixer', async () => {
    const moves = new Map<string, number>();
    w.emu.state.onDispatch((event, data) => {
      const d = data as { user_id: string; channel_id: string | null };
      if (event === GatewayDispatchEvents.VoiceStateUpdate && d.channel_id && d.channel_id !== w.lobbyId)
        moves.set(d.user_id, (moves.get(d.user_id) ?? 0) + 1);
    });
    const { runId, limitedAt } = await startWaitingOnRetryAfter();
    let lastCheck = limitedAt;
    while (Date.now() - limitedAt < RETRY_AFTER_MS - 1000) {
      const run = (await storedRun(runId))!;
      if (run.phase !== 'moving') break;
      expect(run.lease!.owner, 'the waiting worker holds the lease').to.equal(worker.workerId);
      expect(run.lease!.until!.getTime(), 'and it has not run out').to.be.greaterThan(w.now().getTime());
      // What a second worker's step would do first: it is refused.
      expect(await acquireLease(runId, 'second-worker', w.now(), LEASE_MS)).to.equal(null);
      lastCheck = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(lastCheck - limitedAt, 'checked across more than two lease terms').to.be.greaterThan(2 * LEASE_MS);

    const round0 = await untilPhase(w, runId, 'talking', 0);
    const groups = (round0.state as { rounds: string[][][] }).rounds[0]!;
    for (const members of groups)
      for (const id of members) expect(moves.get(id), `member ${id} moved once`).to.equal(1);
  });

  it('stops a worker whose lease was taken: no more moves and no more writes', async () => {
    const { runId } = await startWaitingOnRetryAfter();
    // Another worker takes the run (as after a freeze longer than the lease).
    const stolen = await MixerRun.findOneAndUpdate(
      { runId },
      { $set: { lease: { owner: 'other-worker', until: new Date(w.now().getTime() + 60 * 60_000) } } },
      { returnDocument: 'after' },
    ).lean();
    const movedBefore = w.alumni.filter((id) => w.voiceOf(id) !== w.lobbyId).length;
    await w.until(
      () => worker.output().includes('mixer lease lost; another worker drives this run'),
      'the worker giving the run up',
      RETRY_AFTER_MS + 30_000,
    );
    const after = (await storedRun(runId))!;
    expect(after.version, 'no write after the lease was lost').to.equal(stolen!.version);
    // Nor a side write: the moves cut short are not counted into the new owner's progress.
    expect(after.moves, 'no move counted after the lease was lost').to.deep.equal(stolen!.moves);
    expect(after.lease!.owner).to.equal('other-worker');
    expect(after.phase).to.equal('moving');
    // Only the move Discord was already holding (the one waiting out its Retry-After) went through.
    const movedAfter = w.alumni.filter((id) => w.voiceOf(id) !== w.lobbyId).length;
    expect(movedAfter - movedBefore).to.be.at.most(1);
  });
});
