/**
 * The end of a mixer: pair history (who met whom, for the next mixers), attendance per member
 * (for trends and the feedback DM) and the organiser's summary. Idempotent: running it again
 * (a worker restarted mid-way) counts every pair once — each pair document lists the runs it
 * counted, and the run is marked `historyRecorded` only after every write.
 */
import { MixerAttendance } from './mixer-attendance.model.js';
import { MixerRun } from './mixer-run.model.js';
import { getRun, stateOf, type MixerRunView } from './mixer-run.service.js';
import { PairHistory } from './pair-history.model.js';

function pairKey(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** Groupmates of each person over every round played. */
export function groupmatesOf(rounds: readonly (readonly (readonly string[])[])[]): Map<string, Set<string>> {
  const mates = new Map<string, Set<string>>();
  for (const groups of rounds)
    for (const g of groups)
      for (const id of g) {
        const set = mates.get(id) ?? new Set<string>();
        for (const other of g) if (other !== id) set.add(other);
        mates.set(id, set);
      }
  return mates;
}

/**
 * Stores pair history and attendance and writes the summary (people, groups, new pairs).
 * `playedRounds`: how many rounds actually happened (an early end plays fewer).
 */
export async function recordOutcome(runId: string, playedRounds: number, now: Date): Promise<MixerRunView> {
  const run = await getRun(runId);
  if (run.historyRecorded) return run;
  const state = stateOf(run);
  const rounds = state.rounds.slice(0, playedRounds).map((groups) => groups.filter((g) => g.length > 0));
  const pairs = new Map<string, [string, string]>();
  for (const groups of rounds)
    for (const g of groups)
      for (let i = 0; i < g.length; i++)
        for (let j = i + 1; j < g.length; j++) {
          const [a, b] = pairKey(g[i]!, g[j]!);
          pairs.set(`${a}|${b}`, [a, b]);
        }
  const known = await PairHistory.find({
    guildId: run.guildId,
    a: { $in: [...new Set([...pairs.values()].map((p) => p[0]))] },
  }).lean();
  // New: never met before this run (a retry finds the pair counted once, by this run only).
  const earlier = new Set(
    known.filter((k) => !(k.count === 1 && (k.runIds ?? []).includes(runId))).map((k) => `${k.a}|${k.b}`),
  );
  let newPairs = 0;
  for (const [key, [a, b]] of pairs) {
    if (!earlier.has(key)) newPairs++;
    const counted = await PairHistory.updateOne(
      { guildId: run.guildId, a, b, runIds: { $ne: runId } },
      { $inc: { count: 1 }, $set: { lastMetAt: now }, $addToSet: { runIds: runId } },
    );
    if (counted.matchedCount === 0)
      // No document yet (insert), or this run was counted already (nothing to do).
      await PairHistory.updateOne(
        { guildId: run.guildId, a, b },
        { $setOnInsert: { count: 1, lastMetAt: now, runIds: [runId] } },
        { upsert: true },
      );
  }
  const mates = groupmatesOf(rounds);
  for (const [userId, set] of mates) {
    const attended = rounds.filter((groups) => groups.some((g) => g.includes(userId))).length;
    await MixerAttendance.updateOne(
      { runId, userId },
      {
        $set: {
          guildId: run.guildId,
          eventId: run.eventId,
          rounds: attended,
          groupmates: [...set],
          at: now,
        },
      },
      { upsert: true },
    );
  }
  const groups = rounds.reduce((sum, r) => sum + r.length, 0);
  const doc = await MixerRun.findOneAndUpdate(
    { runId },
    { $set: { summary: { people: mates.size, groups, newPairs }, endedAt: now, historyRecorded: true } },
    { returnDocument: 'after' },
  ).lean();
  return {
    ...run,
    summary: doc!.summary as MixerRunView['summary'],
    endedAt: now,
    historyRecorded: true,
  };
}

/** A member's groupmates in a run (for the feedback DM's "who did you talk with?"). */
export async function groupmatesInRun(runId: string, userId: string): Promise<string[]> {
  const row = await MixerAttendance.findOne({ runId, userId }).lean();
  return row?.groupmates ?? [];
}
