/**
 * A guild that comes back after an outage (Discord: GUILD_DELETE with `unavailable: true`, later
 * GUILD_CREATE with the state as it is then; discord.js emits GuildAvailable): the worker drives
 * its mixers again from the stored step. Within the plan the round goes on with its stored
 * deadline, whoever wandered off meanwhile is put back, whoever disconnected meanwhile leaves the
 * groups and whoever came into the lobby is seated; past the planned end the mixer ends
 * (everyone back, rooms deleted, the control message says why) instead of starting a round.
 */
import { expect } from 'chai';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import {
  startMixerProcessWorld,
  type MixerProcessWorld,
  type MixerWorkerProcess,
} from '../../../support/mixer-process.js';
import {
  expectCleanFinish,
  playToTheEnd,
  startAndConfirm,
  storedRun,
  untilPhase,
  type StoredRun,
} from '../../../support/mixer-process-steps.js';
import { MixerAttendance } from '../../../../shared/deepen/mixer/mixer-attendance.model.js';

const MINUTE = 60_000;

describe('Deepen: a mixer when its guild comes back after an outage', function () {
  this.timeout(240_000);
  useMongoose('mixer_outage');
  let w: MixerProcessWorld;
  let worker: MixerWorkerProcess;
  let channelsBefore: string[];

  beforeEach(async () => {
    w = await startMixerProcessWorld();
    channelsBefore = w.emu.state.channels.list(w.guildId).map((c) => c.id);
    worker = await w.startWorker('worker-a');
  });
  afterEach(async () => {
    await w.stop();
  });

  it('past the planned end: everyone back, rooms deleted, the control message says so, and no next round', async () => {
    const runId = await startAndConfirm(w, {
      group_size: 4,
      rounds: 3,
      minutes: 3,
      strategies: 'industry, mixed, mixed',
    });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    w.emu.state.guilds.outage(w.guildId);
    // The outage outlasts the three rounds.
    w.advanceMs(20 * MINUTE);
    const intoRooms: string[] = [];
    w.emu.state.onDispatch((event, data) => {
      const d = data as { user_id?: string; channel_id?: string | null };
      if (
        event === GatewayDispatchEvents.VoiceStateUpdate &&
        d.channel_id &&
        round0.rooms.includes(d.channel_id)
      )
        intoRooms.push(d.user_id!);
    });
    w.emu.state.guilds.recover(w.guildId);
    // The round's overdue jobs run too (in whatever order with the reconcile): they start nothing.
    await w.runDueMixerJobs();

    const done = await untilPhase(w, runId, 'done', undefined, 90_000);
    expect(done.endedLate).to.equal(true);
    expect(done.roundsPlayed).to.equal(1);
    expect((done.state as { currentRound: number }).currentRound).to.equal(0);
    expect(intoRooms, 'nobody moved into a room after the outage').to.deep.equal([]);
    const control = w.emu.state.messages.get(done.controlChannelId!, done.controlMessageId!);
    expect(control.embeds?.[0]?.description).to.include('I was away past the planned end of this mixer');
    await expectCleanFinish(w, runId, channelsBefore);
  });

  it('within the plan: the round goes on with its stored deadline, and a member who wandered off meanwhile is put back', async () => {
    const runId = await startAndConfirm(w, {
      group_size: 4,
      rounds: 2,
      minutes: 3,
      strategies: 'industry, mixed',
    });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const wanderer = w.alumni[0]!;
    const room = w.voiceOf(wanderer)!;
    w.emu.state.guilds.outage(w.guildId);
    // Unseen by the bot: the guild's events do not reach it during the outage.
    w.drivers.voiceMove(w.guildId, wanderer, w.lobbyId);
    w.advanceMs(MINUTE);
    w.emu.state.guilds.recover(w.guildId);

    await w.until(() => w.voiceOf(wanderer) === room, 'the wanderer back in their room');
    const resumed = (await storedRun(runId))!;
    expect(resumed.phase).to.equal('talking');
    expect(resumed.roundEndsAt!.getTime()).to.equal(round0.roundEndsAt!.getTime());
    expect(resumed.endedLate).to.equal(false);
    const done = await playToTheEnd(w, runId, []);
    expect(done.roundsPlayed).to.equal(2);
    await expectCleanFinish(w, runId, channelsBefore);
    await worker.kill();
  });

  it('within the plan: a member who disconnected meanwhile leaves the groups, and one who came into the lobby is seated', async () => {
    const quiet = w.emu.state.channels.list(w.guildId).find((c) => c.name === 'Quiet room')!.id;
    // Not in the lobby when the mixer is planned: not a participant.
    const newcomer = w.alumni[12]!;
    w.drivers.voiceMove(w.guildId, newcomer, quiet);
    const runId = await startAndConfirm(w, {
      group_size: 4,
      rounds: 2,
      minutes: 3,
      strategies: 'industry, mixed',
    });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const participantsOf = (run: StoredRun) =>
      (run.state as { participants: { id: string }[] }).participants.map((p) => p.id);
    expect(participantsOf(round0)).to.not.include(newcomer);
    const leaver = w.alumni[0]!;
    expect(participantsOf(round0)).to.include(leaver);
    w.emu.state.guilds.outage(w.guildId);
    // Neither change reaches the bot: the guild's events are dropped during the outage.
    w.drivers.voiceLeave(w.guildId, leaver);
    w.drivers.voiceMove(w.guildId, newcomer, w.lobbyId);
    w.advanceMs(MINUTE);
    w.emu.state.guilds.recover(w.guildId);

    const seated = await w.until(async () => {
      const run = (await storedRun(runId))!;
      const ids = participantsOf(run);
      return !ids.includes(leaver) && ids.includes(newcomer) ? run : null;
    }, 'the leaver out of the groups and the newcomer in');
    const groups = (seated.state as { rounds: string[][][] }).rounds;
    for (const round of groups) {
      for (const g of round.filter((x) => x.length > 0))
        expect(g, 'no group below 3').to.have.length.of.at.least(3);
      expect(round.flat()).to.not.include(leaver);
      expect(round.flat()).to.include(newcomer);
    }
    await w.until(() => round0.rooms.includes(w.voiceOf(newcomer) ?? ''), 'the newcomer moved into a room');
    expect(seated.phase).to.equal('talking');
    expect(seated.roundEndsAt!.getTime()).to.equal(round0.roundEndsAt!.getTime());

    const done = await playToTheEnd(w, runId, []);
    expect(done.roundsPlayed).to.equal(2);
    expect(w.voiceOf(leaver), 'the leaver was not pulled back').to.equal(null);
    const told = w.drivers.dmsTo(leaver).filter((m) => (m.content ?? '').includes('not connected to voice'));
    expect(told, 'no "your room is here" DM to the leaver').to.deep.equal([]);
    const finished = await expectCleanFinish(w, runId, channelsBefore, { away: [leaver] });
    const attendance = await MixerAttendance.find({ runId }).lean();
    expect(attendance.map((a) => a.userId))
      .to.include(newcomer)
      .and.not.include(leaver);
    expect(finished.status).to.equal('done');
    await worker.kill();
  });
});
