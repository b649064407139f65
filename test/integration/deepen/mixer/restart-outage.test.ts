/**
 * A guild that comes back after an outage (Discord: GUILD_DELETE with `unavailable: true`, later
 * GUILD_CREATE with the state as it is then; discord.js emits GuildAvailable): the worker drives
 * its mixers again from the stored step. Within the plan the round goes on with its stored
 * deadline and whoever wandered off meanwhile is put back; past the planned end the mixer ends
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
} from '../../../support/mixer-process-steps.js';

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
});
