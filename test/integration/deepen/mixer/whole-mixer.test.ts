import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { customIdsOf, passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerAttendance } from '../../../../shared/deepen/mixer/mixer-attendance.model.js';
import { MixerFeedback } from '../../../../shared/deepen/mixer/mixer-feedback.model.js';
import { PairHistory } from '../../../../shared/deepen/mixer/pair-history.model.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';

const MINUTE = 60_000;

describe('Deepen: a whole voice mixer through the emulator (13 people, groups of 4, 3 rounds)', function () {
  this.timeout(90_000);
  useMongoose('mixer_whole');
  let w: MixerWorld;

  beforeEach(async () => {
    w = await startMixerWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  it('plans, moves, prompts, warns, rotates rooms created once, brings everyone back, deletes the rooms and asks for feedback', async () => {
    const { runId, preview } = await startAndConfirm(w, {
      group_size: 4,
      rounds: 3,
      minutes: 3,
      strategies: 'industry, mixed',
      theme: 'work-style',
    });
    const plan = preview.embeds?.[0]?.description ?? '';
    expect(plan).to.include('13 people');
    expect(plan).to.include('4 groups per round');
    expect(plan).to.match(/Expected moving time .*13 s into the rooms/);

    const round0 = await untilPhase(w, runId, 'talking', 0);
    const rooms = [...round0.rooms];
    expect(rooms).to.have.length(4);
    expect(w.childrenOf(round0.categoryId!)).to.have.members(rooms);
    const state0 = round0.state as { rounds: string[][][] };
    const groups0 = state0.rounds[0]!;
    groups0.forEach((members, g) => {
      const room = rooms[round0.roomOfGroup[0]![g]!]!;
      for (const id of members) expect(w.voiceOf(id), `member of group ${g}`).to.equal(room);
    });
    expect(w.voiceOf(w.organiserId)).to.equal(w.lobbyId);
    for (const room of rooms) {
      const posted = w.drivers.messagesIn(room);
      expect(
        posted.some((m) => (m.embeds?.[0]?.description ?? '') !== ''),
        `prompt in ${room}`,
      ).to.equal(true);
      expect(posted.some((m) => (m.content ?? '').includes('<t:'))).to.equal(true);
    }
    // Round 1 is `shared` on industry: most pairs share it (the plan also keeps later rounds free
    // of repeats), and every group whose members all share it gets an industry prompt.
    const industryOf = new Map(w.alumni.map((id, i) => [id, i % 4]));
    const share = (groups: string[][]) => {
      let same = 0;
      let pairs = 0;
      for (const g of groups)
        for (let i = 0; i < g.length; i++)
          for (let j = i + 1; j < g.length; j++) {
            pairs++;
            if (industryOf.get(g[i]!) === industryOf.get(g[j]!)) same++;
          }
      return same / pairs;
    };
    // Random groups share about 0.2 here; the engine gives 0.4–1 (it also keeps the mixed rounds free of repeats).
    expect(share(groups0)).to.be.at.least(0.4);
    groups0.forEach((members, g) => {
      if (new Set(members.map((id) => industryOf.get(id))).size !== 1) return;
      const shown = round0.prompts.find((p) => p.round === 0 && p.room === round0.roomOfGroup[0]![g]);
      expect(shown!.promptIds[0]).to.match(/^fit\.industry/);
    });
    const control = round0.controlMessageId!;
    expect(customIdsOf(w.drivers.messagesIn(w.lobbyId).find((m) => m.id === control)!)).to.include(
      `mixer:next:${runId}`,
    );

    await passTime(w, 2 * MINUTE + 1000);
    for (const room of rooms)
      await w.until(
        () => w.drivers.messagesIn(room).some((m) => m.content === 'One minute left in this round.'),
        'the warning',
      );

    await passTime(w, MINUTE);
    const round1 = await untilPhase(w, runId, 'talking', 1);
    expect([...round1.rooms]).to.deep.equal(rooms);
    const groups1 = (round1.state as { rounds: string[][][] }).rounds[1]!;
    expect(share(groups1)).to.be.below(share(groups0));
    groups1.forEach((members, g) => {
      for (const id of members) expect(w.voiceOf(id)).to.equal(rooms[round1.roomOfGroup[1]![g]!]);
    });
    expect(
      round1.prompts.filter((p) => p.round === 1).every((p) => p.promptIds[0]!.startsWith('work-style.')),
    ).to.equal(true);
    // Each group went to the room where one of its members already was: fewer moves than people.
    expect(round1.moves!.total).to.be.below(13);

    await passTime(w, 3 * MINUTE + 1000);
    await untilPhase(w, runId, 'talking', 2);
    await passTime(w, 3 * MINUTE + 1000);
    const done = await untilPhase(w, runId, 'done');

    expect(done.status).to.equal('done');
    for (const id of [w.organiserId, ...w.alumni]) expect(w.voiceOf(id)).to.equal(w.lobbyId);
    for (const id of [...rooms, done.categoryId!]) expect(w.emu.state.channels.find(id)).to.equal(undefined);
    expect(done.summary!.people).to.equal(13);
    expect(done.summary!.groups).to.equal(12);
    expect(await MixerAttendance.countDocuments({ runId })).to.equal(13);
    expect(await PairHistory.countDocuments({ guildId: w.guildId })).to.equal(done.summary!.newPairs);

    const dm = await w.until(
      () => w.drivers.dmsTo(w.alumni[0]!).find((m) => customIdsOf(m).length > 0),
      'feedback DM',
    );
    const ids = customIdsOf(dm);
    expect(ids).to.include(`mixfb:met:${runId}`);
    expect(ids).to.include(`mixfb:rate:${runId}:5`);
    expect(
      w.drivers.dmsTo(w.organiserId).some((m) => (m.content ?? '').includes('Mixer finished: 13 people')),
    ).to.equal(true);
    await w.drivers
      .clickButton(dm.id, `mixfb:rate:${runId}:4`, w.alumni[0]!, { locale: 'en-US' })
      .waitForReply();
    const feedback = await MixerFeedback.findOne({ runId, userId: w.alumni[0] }).lean();
    expect(feedback?.rating).to.equal(4);
    await w.until(
      async () => (await MixerRun.findOne({ runId }).lean())?.lease!.owner === null,
      'the lease released',
    );
  });
});
