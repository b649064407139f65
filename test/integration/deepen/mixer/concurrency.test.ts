import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import {
  addJoiner,
  extendRound,
  getRun,
  removeParticipant,
  saveStep,
} from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { confirmRun, createRun } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { ensureIndexes } from '../../../../shared/db/indexes.js';
import { drive } from '../../../../bot/deepen/mixer/flows/driver.js';
import { nextPrompt } from '../../../../shared/deepen/mixer/mixer-prompt.service.js';
import { DomainError } from '../../../../shared/errors.js';

const MINUTE = 60_000;

describe('Deepen: writes to a running mixer from several places at once lose nothing', function () {
  this.timeout(60_000);
  useMongoose('mixer_concurrency');
  let w: MixerWorld;
  let runId: string;

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 8 });
    ({ runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 }));
    await untilPhase(w, runId, 'talking', 0);
  });
  afterEach(async () => {
    await w.stop();
  });

  it('GIVEN two +2 minutes at once THEN the round is 4 minutes longer', async () => {
    const before = (await getRun(runId)).roundEndsAt!.getTime();
    await Promise.all([extendRound(runId, 2 * MINUTE), extendRound(runId, 2 * MINUTE)]);
    expect((await getRun(runId)).roundEndsAt!.getTime() - before).to.equal(4 * MINUTE);
  });

  it('GIVEN the next round is being moved WHEN an extension arrives THEN it is refused, the new round keeps no stale end', async () => {
    const run = await getRun(runId);
    await saveStep(runId, { phase: 'moving', roundEndsAt: null });
    let refused: unknown = null;
    await extendRound(runId, 2 * MINUTE).catch((error: unknown) => {
      refused = error;
    });
    expect(refused).to.be.instanceOf(DomainError);
    expect((refused as DomainError).i18nKey).to.equal('deepen.mixer.error.notTalking');
    expect((await getRun(runId)).roundEndsAt).to.equal(null);
    await saveStep(runId, { phase: 'talking', roundEndsAt: run.roundEndsAt });
  });

  it('GIVEN two "new prompt" presses at once THEN both prompts are stored and differ', async () => {
    const run = await getRun(runId);
    const room = run.roomOfGroup[0]![0]!;
    const stored = () => run.prompts.find((p) => p.round === 0 && p.room === room)?.promptIds.length ?? 0;
    const [a, b] = await Promise.all([nextPrompt(runId, 0, room), nextPrompt(runId, 0, room)]);
    expect(a.id).to.not.equal(b.id);
    const after = await getRun(runId);
    const ids = after.prompts.find((p) => p.round === 0 && p.room === room)!.promptIds;
    expect(ids).to.have.length(stored() + 2);
    expect(ids).to.include.members([a.id, b.id]);
  });

  it('GIVEN a joiner and a leaver stored at once THEN the groups have the joiner and not the leaver', async () => {
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    const leaver = w.alumni[0]!;
    const [joined, left] = await Promise.all([addJoiner(runId, joiner), removeParticipant(runId, leaver)]);
    expect(joined).to.not.equal(null);
    expect(left).to.not.equal(null);
    const doc = await MixerRun.findOne({ runId }).lean();
    const state = doc!.state as { participants: { id: string }[]; rounds: string[][][] };
    const ids = state.participants.map((p) => p.id);
    expect(ids).to.include(joiner);
    expect(ids).to.not.include(leaver);
    expect(state.rounds[0]!.flat()).to.include(joiner);
    expect(state.rounds[0]!.flat()).to.not.include(leaver);
  });

  it('GIVEN two plans for the same lobby confirmed at once THEN exactly one runs, the other is told one is already running', async () => {
    await ensureIndexes();
    const plan = () =>
      createRun({
        guildId: w.guildId,
        lobbyChannelId: w.seeded.channels['Quiet room']!.id,
        organiserId: w.organiserId,
        participantIds: w.alumni,
        groupSize: 4,
        minutesPerRound: 5,
        strategies: [{ kind: 'mixed' }],
        locale: 'en',
        now: w.clock.now,
      });
    const [a, b] = [await plan(), await plan()];
    const outcomes = await Promise.allSettled([
      confirmRun(a.run.runId, w.clock.now),
      confirmRun(b.run.runId, w.clock.now),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as DomainError).i18nKey).to.equal('deepen.mixer.error.alreadyRunning');
    expect(
      await MixerRun.countDocuments({
        lobbyChannelId: w.seeded.channels['Quiet room']!.id,
        status: 'running',
      }),
    ).to.equal(1);
  });

  it('GIVEN a round-end timer that fired before an extension WHEN its step runs THEN the round goes on to its new end', async () => {
    // The timer saw the old end and queued the step; the +2 minutes landed before the step ran.
    await extendRound(runId, 2 * MINUTE);
    await drive(w.bot.ctx, w.bot.client, runId, { kind: 'end-round', round: 0 });
    const run = await getRun(runId);
    expect(run.phase).to.equal('talking');
    expect(run.state.currentRound).to.equal(0);
    // The organiser's "next round" is not a timer: it ends the round early.
    await drive(w.bot.ctx, w.bot.client, runId, { kind: 'end-round', round: 0, early: true });
    await untilPhase(w, runId, 'talking', 1);
  });
});
