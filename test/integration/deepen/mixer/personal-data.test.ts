import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { ensureIndexes } from '../../../../shared/db/indexes.js';
import { mixerPart } from '../../../../shared/deepen/mixer/personal-data.js';
import { MixerAttendance } from '../../../../shared/deepen/mixer/mixer-attendance.model.js';
import { MixerFeedback } from '../../../../shared/deepen/mixer/mixer-feedback.model.js';
import { PairHistory } from '../../../../shared/deepen/mixer/pair-history.model.js';
import { saveFeedback } from '../../../../shared/deepen/mixer/mixer-feedback.service.js';
import { isDomainError } from '../../../../shared/errors.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { CustomPromptModel } from '../../../../shared/deepen/mixer/custom-prompt.model.js';

const guildId = '900000000000000010';
const [ann, ben, cat] = ['100000000000000011', '100000000000000012', '100000000000000013'];
const now = new Date('2026-11-01T10:00:00Z');

describe('Deepen: the mixer part of personal data (pair history, attendance, feedback)', () => {
  useMongoose('mixer_personal');
  before(() => ensureIndexes());

  beforeEach(async () => {
    await PairHistory.create([
      { guildId, a: ann, b: ben, count: 2, lastMetAt: now },
      { guildId, a: ben, b: cat, count: 1, lastMetAt: now },
    ]);
    await MixerAttendance.create([
      { guildId, runId: 'r1', userId: ann, eventId: 'ev1', rounds: 2, groupmates: [ben], at: now },
      { guildId, runId: 'r1', userId: ben, eventId: 'ev1', rounds: 2, groupmates: [ann, cat], at: now },
    ]);
    await saveFeedback({ runId: 'r1', userId: ann, metUserIds: [ben], rating: 5, comment: 'Great talk' });
    await saveFeedback({ runId: 'r1', userId: ben, metUserIds: [ann], rating: 4 });
  });

  it('exports who they met, their attendance with the event, and their feedback', async () => {
    const data = (await mixerPart.export({ guildId, userId: ann, now })) as Record<string, unknown[]>;
    expect(data.metBefore).to.deep.equal([{ userId: ben, count: 2, lastMetAt: now.toISOString() }]);
    expect(data.attendance).to.have.length(1);
    expect(data.attendance![0]).to.include({ runId: 'r1', eventId: 'ev1' });
    expect(data.feedback![0]).to.include({ rating: 5, comment: 'Great talk' });
  });

  it("erases their rows and takes them out of other people's groupmates and answers", async () => {
    const report = await mixerPart.erase({ guildId, userId: ann, now });
    expect(report.counts).to.deep.equal({
      mixerRunsScrubbed: 0,
      mixerPairsDeleted: 1,
      mixerAttendanceDeleted: 1,
      mixerFeedbackDeleted: 1,
      mixerPromptsUnattributed: 0,
    });
    expect(await PairHistory.countDocuments({ guildId, $or: [{ a: ann }, { b: ann }] })).to.equal(0);
    expect((await MixerAttendance.findOne({ userId: ben }).lean())!.groupmates).to.deep.equal([cat]);
    expect((await MixerFeedback.findOne({ userId: ben }).lean())!.metUserIds).to.deep.equal([]);
  });

  it('exports the prompts an organiser added and, on erasure, keeps them for the guild without their name', async () => {
    await CustomPromptModel.create([
      { guildId, theme: 'career', promptId: 'p1', text: '転職して驚いたことは？', createdBy: ann },
      { guildId, theme: 'career', promptId: 'p2', text: 'Best advice you got?', createdBy: ben },
    ]);
    const data = (await mixerPart.export({ guildId, userId: ann, now })) as Record<string, unknown[]>;
    expect(data.promptsAdded).to.have.length(1);
    expect(data.promptsAdded![0]).to.include({
      promptId: 'p1',
      theme: 'career',
      text: '転職して驚いたことは？',
    });
    const report = await mixerPart.erase({ guildId, userId: ann, now });
    expect(report.counts).to.include({ mixerPromptsUnattributed: 1 });
    const left = await CustomPromptModel.find({ guildId }).sort({ promptId: 1 }).lean();
    expect(left.map((p) => [p.promptId, p.createdBy])).to.deep.equal([
      ['p1', null],
      ['p2', ben],
    ]);
  });

  it('refuses feedback from someone who was not there, a bad rating and a stranger as "met"', async () => {
    const refusal = async (input: Parameters<typeof saveFeedback>[0]) => {
      try {
        await saveFeedback(input);
      } catch (error) {
        return isDomainError(error) ? error.i18nKey : String(error);
      }
      return 'accepted';
    };
    expect(await refusal({ runId: 'r1', userId: cat, rating: 3 })).to.equal(
      'deepen.mixer.feedback.notParticipant',
    );
    expect(await refusal({ runId: 'r1', userId: ann, rating: 6 })).to.equal(
      'deepen.mixer.feedback.badRating',
    );
    expect(await refusal({ runId: 'r1', userId: ann, metUserIds: [cat] })).to.equal(
      'deepen.mixer.feedback.badMet',
    );
  });

  it('exports the runs they were in with any answers still held, and erases them from finished runs', async () => {
    const base = { guildId, lobbyChannelId: 'lobby', locale: 'en', theme: 'easy', groupSize: 3 };
    const state = (people: string[]) => ({
      participants: people.map((id) => ({ id, attributes: { lifeStage: 'parenting' } })),
      rounds: [[people]],
      history: [{ a: ann, b: ben, count: 1, lastMetAt: now }],
      currentRound: 0,
    });
    await MixerRun.create([
      {
        ...base,
        runId: 'r1',
        organiserId: cat,
        status: 'done',
        minutesPerRound: 5,
        seed: 's',
        everyone: [ann, ben],
        state: state([ann, ben, cat]),
      },
      {
        ...base,
        runId: 'r2',
        organiserId: ann,
        status: 'running',
        minutesPerRound: 5,
        seed: 's',
        everyone: [ben],
        state: state([ben]),
      },
    ]);
    const data = (await mixerPart.export({ guildId, userId: ann, now })) as Record<
      string,
      Record<string, unknown>[]
    >;
    expect(data.runs!.map((r) => [r.runId, r.role])).to.have.deep.members([
      ['r1', 'participant'],
      ['r2', 'organiser'],
    ]);
    expect(data.runs!.find((r) => r.runId === 'r1')!.attributes).to.deep.equal({ lifeStage: 'parenting' });

    const report = await mixerPart.erase({ guildId, userId: ann, now });
    expect(report.counts?.mixerRunsScrubbed).to.equal(1);
    const r1 = (await MixerRun.findOne({ runId: 'r1' }).lean())!;
    expect(r1.everyone).to.deep.equal([ben]);
    expect(JSON.stringify(r1.state)).to.not.include(ann);
    expect((r1.state as { rounds: string[][][] }).rounds[0]![0]).to.have.length(3);
  });
});
