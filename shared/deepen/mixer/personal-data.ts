/**
 * The mixer part of a person's data: pair history (who they met), attendance, feedback and the
 * runs they were part of (their profile answers are kept in a run only while it runs). Erasure
 * deletes their pair-history rows, attendance and feedback, takes them out of other people's
 * groupmate lists and "met" answers, and replaces their id in finished runs with a tombstone
 * (groups keep their size; the runs' counts stay as aggregates) and drops them from a
 * finished run's feedback outbox. A running mixer is left alone:
 * its end scrubs the answers, and its groups are needed to finish it. Prompts an organiser added
 * stay the guild's (others use them); erasure removes only the organiser's name from them.
 */
import type { PersonalDataPart } from '../../kernel/personal-data.service.js';
import { MixerAttendance } from './mixer-attendance.model.js';
import { MixerFeedback } from './mixer-feedback.model.js';
import { MixerRun } from './mixer-run.model.js';
import { ERASED_ID } from './mixer-run-view.js';
import { PairHistory } from './pair-history.model.js';
import { CustomPromptModel } from './custom-prompt.model.js';
import { isSnowflake, recipientPath } from './mixer-feedback-outbox.service.js';

/** Runs a person took part in: as a participant, a facilitator or the organiser. */
function runsOf(guildId: string, userId: string) {
  return {
    guildId,
    // An outbox recipient is in `everyone` too: recipients come from attendance.
    $or: [{ everyone: userId }, { facilitators: userId }, { organiserId: userId }],
  };
}

/** `value` with every string equal to `from` replaced by `to` (a run's plain stored state). */
function replaceId(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceId(v, from, to));
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceId(v, from, to)]));
  return value;
}

export const mixerPart: PersonalDataPart = {
  name: 'mixers',
  async export({ guildId, userId }) {
    const [pairs, attendance, feedback, runs, prompts] = await Promise.all([
      PairHistory.find({ guildId, $or: [{ a: userId }, { b: userId }] }).lean(),
      MixerAttendance.find({ guildId, userId }).lean(),
      MixerFeedback.find({ guildId, userId }).lean(),
      MixerRun.find(runsOf(guildId, userId)).lean(),
      CustomPromptModel.find({ guildId, createdBy: userId }).lean(),
    ]);
    return {
      metBefore: pairs.map((p) => ({
        userId: p.a === userId ? p.b : p.a,
        count: p.count,
        lastMetAt: p.lastMetAt.toISOString(),
      })),
      attendance: attendance.map((a) => ({
        runId: a.runId,
        eventId: a.eventId ?? null,
        rounds: a.rounds,
        groupmates: a.groupmates,
        at: a.at.toISOString(),
      })),
      runs: runs.map((r) => {
        const state = r.state as { participants?: { id: string; attributes?: unknown }[] } | null;
        return {
          runId: r.runId,
          status: r.status,
          role:
            r.organiserId === userId
              ? 'organiser'
              : r.facilitators.includes(userId)
                ? 'facilitator'
                : 'participant',
          startedAt: r.startedAt?.toISOString() ?? null,
          endedAt: r.endedAt?.toISOString() ?? null,
          attributes: state?.participants?.find((p) => p.id === userId)?.attributes ?? null,
          feedbackDm:
            ((r.feedbackOutbox?.recipients ?? {}) as unknown as Record<string, { state?: string }>)[userId]
              ?.state ?? null,
        };
      }),
      feedback: feedback.map((f) => ({
        runId: f.runId,
        metUserIds: f.metUserIds,
        rating: f.rating ?? null,
        comment: f.comment ?? null,
      })),
      promptsAdded: prompts.map((p) => ({
        promptId: p.promptId,
        theme: p.theme,
        text: p.text,
        createdAt: p.createdAt.toISOString(),
      })),
    };
  },
  async erase({ guildId, userId }) {
    const pairs = await PairHistory.deleteMany({ guildId, $or: [{ a: userId }, { b: userId }] });
    const attendance = await MixerAttendance.deleteMany({ guildId, userId });
    const feedback = await MixerFeedback.deleteMany({ guildId, userId });
    await MixerAttendance.updateMany({ guildId, groupmates: userId }, { $pull: { groupmates: userId } });
    await MixerFeedback.updateMany({ guildId, metUserIds: userId }, { $pull: { metUserIds: userId } });
    const prompts = await CustomPromptModel.updateMany(
      { guildId, createdBy: userId },
      { $set: { createdBy: null } },
    );
    const runs = await MixerRun.find({
      ...runsOf(guildId, userId),
      status: { $in: ['done', 'cancelled'] },
    }).lean();
    for (const run of runs)
      await MixerRun.updateOne(
        { _id: run._id },
        {
          $set: {
            state: replaceId(run.state, userId, ERASED_ID),
            everyone: run.everyone.filter((id) => id !== userId),
            facilitators: run.facilitators.filter((id) => id !== userId),
            'moves.notified': (run.moves?.notified ?? []).filter((id) => id !== userId),
            'moves.unmoved': (run.moves?.unmoved ?? []).filter((id) => id !== userId),
            ...(run.organiserId === userId ? { organiserId: ERASED_ID } : {}),
          },
          // Their own path only: other feedback DMs being settled meanwhile keep their state.
          ...(run.feedbackOutbox && isSnowflake(userId) ? { $unset: { [recipientPath(userId)]: '' } } : {}),
        },
      );
    return {
      counts: {
        mixerRunsScrubbed: runs.length,
        mixerPairsDeleted: pairs.deletedCount,
        mixerAttendanceDeleted: attendance.deletedCount,
        mixerFeedbackDeleted: feedback.deletedCount,
        mixerPromptsUnattributed: prompts.modifiedCount,
      },
    };
  },
};
