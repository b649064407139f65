import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { untilPhase } from '../../../support/mixer-steps.js';
import { mixerStarter } from '../../../../bot/deepen/mixer/flows/start.js';
import { MixerAttendance } from '../../../../shared/deepen/mixer/mixer-attendance.model.js';

describe('Deepen: a scheduled event starts a mixer through the mixer start service', function () {
  this.timeout(60_000);
  useMongoose('mixer_event_start');
  let w: MixerWorld;

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 9 });
  });
  afterEach(async () => {
    await w.stop();
  });

  it('starts at once without a preview, keeps facilitators out and carries the event id into attendance', async () => {
    const facilitator = w.alumni[0]!;
    const { mixerId } = await mixerStarter(
      w.bot.ctx,
      w.bot.client,
    )({
      guildId: w.guildId,
      lobbyChannelId: w.lobbyId,
      organiserId: w.organiserId,
      groupSize: 4,
      rounds: 2,
      minutesPerRound: 2,
      strategies: ['industry', 'mixed'],
      theme: 'career',
      exclude: [facilitator],
      eventId: 'occurrence-1',
    });
    const run = await untilPhase(w, mixerId, 'talking', 0);
    expect(run.strategies.map((s) => s.kind)).to.deep.equal(['shared', 'mixed']);
    expect(w.voiceOf(facilitator)).to.equal(w.lobbyId);
    expect((run.state as { participants: unknown[] }).participants).to.have.length(8);

    await w.drivers
      .runSlashCommand(w.guildId, w.lobbyId, w.organiserId, 'mixer end', {}, { locale: 'en-US' })
      .waitForReply();
    await untilPhase(w, mixerId, 'done');
    const rows = await MixerAttendance.find({ runId: mixerId }).lean();
    expect(rows).to.have.length(8);
    expect(rows.every((r) => r.eventId === 'occurrence-1')).to.equal(true);

    const refused = mixerStarter(
      w.bot.ctx,
      w.bot.client,
    )({
      guildId: w.guildId,
      lobbyChannelId: w.lobbyId,
      organiserId: w.organiserId,
      strategies: ['shoe-size'],
    });
    await refused.then(
      () => expect.fail('should refuse'),
      (error: Error) => expect(error.message).to.include('unknownStrategy'),
    );
  });
});
