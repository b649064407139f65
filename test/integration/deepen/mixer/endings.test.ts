import { expect } from 'chai';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { LeaseLost, saveStep } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { recordOutcome } from '../../../../shared/deepen/mixer/mixer-finish.service.js';
import { MixerAttendance } from '../../../../shared/deepen/mixer/mixer-attendance.model.js';
import { PairHistory } from '../../../../shared/deepen/mixer/pair-history.model.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../../sandbox/discord/state/seed.js';
import { RETURN_GRACE_MS } from '../../../../bot/deepen/mixer/flows/driver.js';

const EN = { locale: 'en-US' } as const;
const MINUTE = 60_000;
/** The driver tries a failed step again after 15 s (driver.ts RETRY_MS). */
const RETRY_MS = 15_000;

describe('Deepen: a mixer ends cleanly whatever goes wrong on the way out', function () {
  this.timeout(90_000);
  useMongoose('mixer_endings');
  let w: MixerWorld;

  afterEach(async () => {
    await w.stop();
  });

  const slash = (name: string) =>
    w.drivers.runSlashCommand(w.guildId, w.lobbyId, w.organiserId, name, {}, EN).waitForReply(15_000);
  const botPermissions = (permissions: bigint) =>
    w.emu.state.roles.update(w.guildId, w.seeded.botRole!.id, { permissions });
  const atBot = () => w.bot.client.guilds.cache.get(w.guildId)!;

  it('GIVEN the bot lost Move Members mid-mixer WHEN it ends THEN the rooms are told to walk back, get a grace period, and close empty', async () => {
    w = await startMixerWorld({ alumni: 8 });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    botPermissions(DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.MoveMembers);

    expect((await slash('mixer end')).content).to.include('Ending the mixer');
    for (const room of round0.rooms)
      await w.until(
        () => w.drivers.messagesIn(room).some((m) => (m.content ?? '').includes('go back to')),
        `the walk-back notice in ${room}`,
      );
    await w.until(
      () => w.drivers.messagesIn(w.lobbyId).some((m) => (m.content ?? '').includes('lack the Move Members')),
      'the organiser told which permission is missing',
    );
    // Waiting for people to walk back: the rooms still exist and the run is not over.
    const waiting = await MixerRun.findOne({ runId }).lean();
    expect(waiting!.phase).to.equal('returning');
    expect(waiting!.status).to.equal('running');
    for (const id of round0.rooms) expect(w.emu.state.channels.find(id)).to.not.equal(undefined);

    for (const id of w.alumni) if (w.voiceOf(id) !== w.lobbyId) w.drivers.voiceMove(w.guildId, id, w.lobbyId);
    await w.until(
      () => atBot().voiceStates.cache.filter((v) => round0.rooms.includes(v.channelId ?? '')).size === 0,
      'everyone back in the lobby at the bot',
    );
    await passTime(w, RETURN_GRACE_MS + 1000);
    const done = await untilPhase(w, runId, 'done');
    expect(done.status).to.equal('done');
    for (const id of [...done.rooms, done.categoryId!])
      expect(w.emu.state.channels.find(id)).to.equal(undefined);
    for (const id of w.alumni) expect(w.voiceOf(id)).to.equal(w.lobbyId);
  });

  it('GIVEN deleting the rooms fails and the category id was never stored THEN the run stays open until a retry deletes them, found by name', async () => {
    w = await startMixerWorld({ alumni: 8 });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 5 });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const categoryId = round0.categoryId!;
    // A crash between Discord's create and the save: the category's id is not on the run.
    await MixerRun.updateOne({ runId }, { $set: { categoryId: null } });
    botPermissions(DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.ManageChannels);

    await slash('mixer end');
    const stuck = await untilPhase(w, runId, 'cleanup');
    expect(stuck.status).to.equal('running');
    for (const id of w.alumni) expect(w.voiceOf(id), 'back before any delete').to.equal(w.lobbyId);
    expect(w.emu.state.channels.find(categoryId)).to.not.equal(undefined);

    // The failed delete schedules a retry; only then is the permission given back.
    await w.until(
      async () => (await w.db().collection('agendaJobs').countDocuments({ name: 'mixer:resume' })) > 0,
      'the retry scheduled',
    );
    botPermissions(DEFAULT_BOT_PERMISSIONS);
    await passTime(w, RETRY_MS + 1000);
    await untilPhase(w, runId, 'done');
    expect(w.emu.state.channels.find(categoryId)).to.equal(undefined);
    for (const id of round0.rooms) expect(w.emu.state.channels.find(id)).to.equal(undefined);
  });

  it('GIVEN another worker holds the lease WHEN the organiser ends THEN the request is stored and honoured once the lease is free; writes are fenced by the lease', async () => {
    w = await startMixerWorld({ alumni: 8 });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 });
    await untilPhase(w, runId, 'talking', 0);
    await MixerRun.updateOne(
      { runId },
      { $set: { lease: { owner: 'other-worker', until: new Date(w.clock.now.getTime() + MINUTE) } } },
    );
    let lost: unknown = null;
    await saveStep(runId, { warnedRound: 0 }, 'this-worker').catch((error: unknown) => {
      lost = error;
    });
    expect(lost).to.be.instanceOf(LeaseLost);
    expect((await saveStep(runId, { warnedRound: 0 }, 'other-worker')).warnedRound).to.equal(0);

    expect((await slash('mixer end')).content).to.include('Ending the mixer');
    await w.until(
      async () => (await w.db().collection('agendaJobs').countDocuments({ name: 'mixer:resume' })) > 0,
      'a resume for when the lease runs out',
    );
    const pending = await MixerRun.findOne({ runId }).lean();
    expect(pending!.endRequested).to.equal(true);
    expect(pending!.phase).to.equal('talking');

    await passTime(w, MINUTE + 2000);
    const done = await untilPhase(w, runId, 'done');
    expect(done.summary!.people).to.equal(8);
    for (const id of w.alumni) expect(w.voiceOf(id)).to.equal(w.lobbyId);
    for (const id of done.rooms) expect(w.emu.state.channels.find(id)).to.equal(undefined);
  });

  it('GIVEN a late joiner makes the next round need another group THEN a room is added and everyone is seated', async () => {
    w = await startMixerWorld({ alumni: 12 });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 3 });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    expect(round0.rooms).to.have.length(3);
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'newcomer', globalName: 'Newcomer' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    await w.until(() => round0.rooms.includes(w.voiceOf(joiner) ?? ''), 'the joiner seated');
    const replanned = await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      const rounds = (doc?.state as { rounds: string[][][] }).rounds;
      return rounds[1]!.flat().includes(joiner) ? rounds : null;
    }, 'round 2 re-planned with the joiner');
    expect(replanned[1]).to.have.length(4);

    await passTime(w, 3 * MINUTE);
    const round1 = await untilPhase(w, runId, 'talking', 1);
    expect(round1.rooms).to.have.length(4);
    expect(w.childrenOf(round1.categoryId!)).to.have.members(round1.rooms);
    const groups = (round1.state as { rounds: string[][][] }).rounds[1]!;
    groups.forEach((members, g) => {
      const room = round1.rooms[round1.roomOfGroup[1]![g]!]!;
      for (const id of members) expect(w.voiceOf(id), `member of group ${g}`).to.equal(room);
      expect(
        w.drivers.messagesIn(room).some((m) => (m.embeds?.[0]?.description ?? '') !== ''),
        `prompt in ${room}`,
      ).to.equal(true);
    });
  });

  it('GIVEN the end arrives while round 2 is still being moved THEN only round 1 counts, and recording again counts no pair twice', async () => {
    w = await startMixerWorld({ alumni: 8 });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    expect(round0.roundsPlayed).to.equal(1);
    const groups0 = (round0.state as { rounds: string[][][] }).rounds[0]!;
    const pairsOfRound0 = groups0.reduce((sum, g) => sum + (g.length * (g.length - 1)) / 2, 0);
    // As the driver leaves it when /mixer end cuts round 2's moves short.
    await MixerRun.updateOne({ runId }, { $set: { 'state.currentRound': 1, phase: 'returning' } });
    await slash('mixer end');
    const done = await untilPhase(w, runId, 'done');
    expect(done.summary!.newPairs).to.equal(pairsOfRound0);
    // Over: the profile answers and the copy of earlier pair history are gone from the run.
    const kept = done.state as { participants: { attributes: object }[]; history: unknown[] };
    expect(kept.history).to.deep.equal([]);
    for (const p of kept.participants) expect(p.attributes).to.deep.equal({});
    const attendance = await MixerAttendance.find({ runId }).lean();
    expect(attendance).to.have.length(8);
    for (const row of attendance) expect(row.rounds).to.equal(1);
    await w.until(
      () => w.drivers.dmsTo(w.organiserId).some((m) => (m.content ?? '').includes('1 round,')),
      'the summary counting one round',
    );

    // A worker that crashed after the pair writes but before marking the run records it again.
    await MixerRun.updateOne({ runId }, { $set: { historyRecorded: false } });
    const again = await recordOutcome(runId, 1, w.clock.now);
    expect(again.summary.newPairs).to.equal(pairsOfRound0);
    const pairs = await PairHistory.find({ guildId: w.guildId }).lean();
    expect(pairs).to.have.length(pairsOfRound0);
    for (const pair of pairs) expect(pair.count).to.equal(1);
  });

  it('GIVEN /mixer end during the first transition THEN the waiting moves are not made, everyone comes back and the run is cancelled', async () => {
    w = await startMixerWorld({ alumni: 13 });
    w.emu.rateLimits.useProfile('realistic');
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 });
    // The member bucket lets 10 moves through at once; the rest wait for its window.
    await w.until(
      async () => {
        const doc = await MixerRun.findOne({ runId }).lean();
        return doc?.phase === 'moving' && doc.moves!.done >= 10 ? doc : null;
        // Setup first grants the room role to 14 people through its own bucket (10, then ~10 s).
      },
      'the first burst of moves',
      30_000,
    );
    const intoRooms: string[] = [];
    expect((await slash('mixer end')).content).to.include('Ending the mixer');
    const rooms = (await MixerRun.findOne({ runId }).lean())!.rooms;
    w.emu.state.onDispatch((event, data) => {
      const update = data as { user_id: string; channel_id: string | null };
      if (event === 'VOICE_STATE_UPDATE' && rooms.includes(update.channel_id ?? ''))
        intoRooms.push(update.user_id);
    });
    const ended = await w.until(
      async () => {
        const doc = await MixerRun.findOne({ runId }).lean();
        return doc?.phase === 'done' ? doc : null;
      },
      'the run ended',
      40_000,
    );
    expect(ended.status).to.equal('cancelled');
    expect(ended.roundsPlayed).to.equal(0);
    // At most the one request discord.js already held when the end came reaches Discord.
    expect(intoRooms.length).to.be.at.most(1);
    for (const id of w.alumni) expect(w.voiceOf(id)).to.equal(w.lobbyId);
    for (const id of ended.rooms) expect(w.emu.state.channels.find(id)).to.equal(undefined);
  });

  it('GIVEN someone enters the lobby between the plan and the confirm THEN they are grouped and moved too', async () => {
    w = await startMixerWorld({ alumni: 8 });
    const preview = await slash('mixer start');
    const confirm = preview.components!.length
      ? JSON.stringify(preview.components).match(/mixer:confirm:[^"]+/)![0]
      : '';
    const late = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, late, w.lobbyId);
    await w.until(
      () => atBot().voiceStates.cache.get(late)?.channelId === w.lobbyId,
      'the late one at the bot',
    );
    await w.drivers.clickButton(preview.id, confirm, w.organiserId, EN).waitForReply();
    const runId = confirm.split(':')[2]!;
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const groups = (round0.state as { rounds: string[][][] }).rounds[0]!;
    const g = groups.findIndex((members) => members.includes(late));
    expect(g).to.be.at.least(0);
    expect(w.voiceOf(late)).to.equal(round0.rooms[round0.roomOfGroup[0]![g]!]);
  });
});
