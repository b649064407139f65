import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';

const EN = { locale: 'en-US' } as const;

describe('Deepen: the organiser steers a running mixer (control message and /mixer)', function () {
  this.timeout(90_000);
  useMongoose('mixer_controls');
  let w: MixerWorld;

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 8 });
  });
  afterEach(async () => {
    await w.stop();
  });

  const slash = (name: string, options: Record<string, string> = {}, userId = w.organiserId) =>
    w.drivers.runSlashCommand(w.guildId, w.lobbyId, userId, name, options, EN).waitForReply();

  it('extends, broadcasts, reports status, skips to the next round and ends, refusing non-organisers', async () => {
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const controlId = round0.controlMessageId!;
    const rooms = round0.rooms;

    const refused = await w.drivers
      .clickButton(controlId, `mixer:next:${runId}`, w.alumni[0]!, EN)
      .waitForReply();
    expect(refused.content).to.match(/organiser/i);

    const extended = await w.drivers
      .clickButton(controlId, `mixer:extend:${runId}`, w.organiserId, EN)
      .waitForReply();
    expect(extended.content).to.include('Round extended');
    const after = await MixerRun.findOne({ runId }).lean();
    expect(after!.roundEndsAt!.getTime() - round0.roundEndsAt!.getTime()).to.equal(2 * 60_000);
    for (const room of rooms)
      await w.until(
        () => w.drivers.messagesIn(room).some((m) => (m.content ?? '').includes('added 2 minutes')),
        'extension notice',
      );

    const click = w.drivers.clickButton(controlId, `mixer:broadcast:${runId}`, w.organiserId, EN);
    await click.waitForModal();
    await w.drivers.submitModal(click, undefined, { message: 'Please wrap up soon' }, EN).waitForReply();
    for (const room of rooms)
      await w.until(
        () => w.drivers.messagesIn(room).some((m) => (m.content ?? '').includes('Please wrap up soon')),
        'broadcast',
      );

    const status = await slash('mixer status');
    expect(status.content).to.include('round 1/2');
    const tooLong = await slash('mixer broadcast', { message: ' ' });
    expect(tooLong.content).to.include('empty');

    const next = await slash('mixer next');
    expect(next.content).to.include('next groups');
    await untilPhase(w, runId, 'talking', 1);

    const end = await w.drivers
      .clickButton(controlId, `mixer:end:${runId}`, w.organiserId, EN)
      .waitForReply();
    expect(end.content).to.include('Ending the mixer');
    const done = await untilPhase(w, runId, 'done');
    for (const id of w.alumni) expect(w.voiceOf(id)).to.equal(w.lobbyId);
    for (const id of done.rooms) expect(w.emu.state.channels.find(id)).to.equal(undefined);
    const control = await w.until(() => {
      const message = w.drivers.messagesIn(w.lobbyId).find((m) => m.id === controlId)!;
      return (message.embeds?.[0]?.description ?? '').includes('Finished: 8 people') ? message : null;
    }, 'the control message showing the summary');
    expect(control.components ?? []).to.deep.equal([]);
    const none = await slash('mixer status');
    expect(none.content).to.include('No mixer is running');
  });
});
