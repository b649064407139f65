/**
 * A mixer survives its worker being killed: the worker is a real process (the bot and agenda
 * started as in production, over real sockets to the emulator and the store), killed with SIGKILL
 * at each point where a crash could leave something behind; a fresh worker process then finishes
 * the mixer. Every case ends the same way: no channel left, everyone in the lobby, pair history
 * and attendance counted once.
 */
import { expect } from 'chai';
import { ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import {
  startMixerProcessWorld,
  type MixerProcessWorld,
  type MixerWorkerProcess,
  type StandbyWorker,
} from '../../../support/mixer-process.js';
import {
  expectCleanFinish,
  passTime,
  playToTheEnd,
  startAndConfirm,
  storedRun,
  untilPhase,
} from '../../../support/mixer-process-steps.js';
import { MIXER_TICK_JOB } from '../../../../bot/deepen/mixer/flows/jobs.js';

const OPTIONS = { group_size: 4, rounds: 2, minutes: 3, strategies: 'industry, mixed' };

describe('Deepen: a mixer survives its worker process killed with SIGKILL', function () {
  this.timeout(300_000);
  useMongoose('mixer_crash');
  let w: MixerProcessWorld;
  let channelsBefore: string[];
  let a: MixerWorkerProcess;
  /** The fresh worker, loaded meanwhile, started once `a` is dead. */
  let fresh: StandbyWorker;

  beforeEach(async () => {
    w = await startMixerProcessWorld();
    channelsBefore = w.emu.state.channels.list(w.guildId).map((c) => c.id);
    [a, fresh] = await Promise.all([w.startWorker('worker-a'), w.standbyWorker('worker-b')]);
  });
  afterEach(async () => {
    await w.stop();
  });

  /** A voice room under the mixer's category came into being. */
  const roomCreated = (event: GatewayDispatchEvents, data: Record<string, unknown>) =>
    event === GatewayDispatchEvents.ChannelCreate && data.type === ChannelType.GuildVoice && !!data.parent_id;
  /** Someone was moved into a channel other than the lobby. */
  const movedOut = (lobbyId: string) => (event: GatewayDispatchEvents, data: Record<string, unknown>) =>
    event === GatewayDispatchEvents.VoiceStateUpdate && !!data.channel_id && data.channel_id !== lobbyId;

  it('killed as its last room is created (nobody moved yet): the fresh worker adopts the rooms, moves everyone and finishes', async () => {
    let rooms = 0;
    const killed = w.killOn(a, (event, data) => roomCreated(event, data) && ++rooms === 3);
    const runId = await startAndConfirm(w, OPTIONS);
    await killed;
    for (const id of w.alumni) expect(w.voiceOf(id), 'nobody moved before the kill').to.equal(w.lobbyId);

    const b = await fresh.start();
    const round0 = await untilPhaseOutlivingLease(w, runId, 'talking', 0, [a]);
    // The rooms the dead worker made are used, not made again.
    const madeRooms = w.emu.state.channels
      .list(w.guildId)
      .filter((c) => c.type === ChannelType.GuildVoice && !channelsBefore.includes(c.id));
    expect(madeRooms.map((c) => c.id).sort()).to.deep.equal([...round0.rooms].sort());
    expectEveryoneInTheirRoom(w, round0, 0);

    await playToTheEnd(w, runId, [a]);
    const done = await expectCleanFinish(w, runId, channelsBefore);
    expect(done.roundsPlayed).to.equal(2);
    await b.kill();
  });

  it('killed mid-moves: the fresh worker moves only who is left and finishes', async () => {
    let moved = 0;
    const killed = w.killOn(a, (event, data) => movedOut(w.lobbyId)(event, data) && ++moved === 5);
    const runId = await startAndConfirm(w, OPTIONS);
    await killed;
    const inRooms = w.alumni.filter((id) => w.voiceOf(id) !== w.lobbyId);
    expect(inRooms.length, 'some moved, some not').to.be.within(1, w.alumni.length - 1);

    await fresh.start();
    const round0 = await untilPhaseOutlivingLease(w, runId, 'talking', 0, [a]);
    expectEveryoneInTheirRoom(w, round0, 0);
    await playToTheEnd(w, runId, [a]);
    await expectCleanFinish(w, runId, channelsBefore);
  });

  it("killed as the round's end job runs: the fresh worker starts the next round from the stored state and finishes", async () => {
    const runId = await startAndConfirm(w, OPTIONS);
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const endJob = { name: MIXER_TICK_JOB, 'data.runId': runId, 'data.round': 0, 'data.kind': 'end' };
    const killed = w.killWhen(
      a,
      async () =>
        !!(await w
          .db()
          .collection('agendaJobs')
          .findOne({ ...endJob, lockedAt: { $ne: null } })),
      "the round's end job locked by the worker",
    );
    w.advanceMs(round0.roundEndsAt!.getTime() - w.now().getTime() + 1000);
    await w.runDueMixerJobs();
    await killed;

    await fresh.start();
    const round1 = await untilPhaseOutlivingLease(w, runId, 'talking', 1, [a]);
    expect(round1.rooms).to.deep.equal(round0.rooms);
    expectEveryoneInTheirRoom(w, round1, 1);
    const done = await playToTheEnd(w, runId, [a]);
    expect(done.roundsPlayed).to.equal(2);
    await expectCleanFinish(w, runId, channelsBefore);
  });

  it('killed while bringing everyone back to the lobby: the fresh worker brings the rest and deletes the rooms', async () => {
    const runId = await startAndConfirm(w, { ...OPTIONS, rounds: 1, strategies: 'industry' });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    let back = 0;
    const killed = w.killOn(
      a,
      (event, data) =>
        event === GatewayDispatchEvents.VoiceStateUpdate && data.channel_id === w.lobbyId && ++back === 5,
    );
    await passTime(w, round0.roundEndsAt!.getTime() - w.now().getTime() + 1000);
    await killed;
    expect(
      w.alumni.filter((id) => w.voiceOf(id) !== w.lobbyId).length,
      'some still in rooms',
    ).to.be.greaterThan(0);

    await fresh.start();
    await playToTheEnd(w, runId, [a]);
    await expectCleanFinish(w, runId, channelsBefore);
  });

  it('killed as the first room is deleted: the fresh worker deletes the rest and records the mixer once', async () => {
    const runId = await startAndConfirm(w, { ...OPTIONS, rounds: 1, strategies: 'industry' });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const killed = w.killOn(
      a,
      (event, data) =>
        event === GatewayDispatchEvents.ChannelDelete && round0.rooms.includes(String(data.id)),
    );
    await passTime(w, round0.roundEndsAt!.getTime() - w.now().getTime() + 1000);
    await killed;
    expect((await storedRun(runId))!.status).to.equal('running');

    await fresh.start();
    await playToTheEnd(w, runId, [a]);
    await expectCleanFinish(w, runId, channelsBefore);
  });
});

/**
 * Waits for a phase while the dead worker's lease runs out on the test clock (the fresh worker
 * set a resume for then).
 */
async function untilPhaseOutlivingLease(
  w: MixerProcessWorld,
  runId: string,
  phase: string,
  round: number,
  dead: MixerWorkerProcess[],
) {
  const deadIds = new Set(dead.map((d) => d.workerId));
  return w.until(
    async () => {
      const run = await storedRun(runId);
      const state = run?.state as { currentRound: number } | undefined;
      if (run?.phase === phase && state?.currentRound === round) return run;
      const lease = run?.lease;
      if (lease?.owner && deadIds.has(lease.owner) && lease.until && lease.until > w.now()) {
        w.advanceMs(lease.until.getTime() - w.now().getTime() + 1000);
        await w.runDueMixerJobs();
      } else await w.runDueMixerJobs();
      return null;
    },
    `run ${runId} in ${phase} round ${round}`,
    90_000,
  );
}

/** Every member of round `r`'s groups is in the room their group was given. */
function expectEveryoneInTheirRoom(
  w: MixerProcessWorld,
  run: NonNullable<Awaited<ReturnType<typeof storedRun>>>,
  r: number,
): void {
  const groups = (run.state as { rounds: string[][][] }).rounds[r]!;
  groups.forEach((members, g) => {
    for (const id of members)
      expect(w.voiceOf(id), `member ${id}`).to.equal(run.rooms[run.roomOfGroup[r]![g]!]);
  });
}
