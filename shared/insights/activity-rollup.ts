/**
 * The guild-activity rollup (rollup.model.ts `GuildActivity`): how many members were active per
 * local day and per ISO week, for every voice-minute threshold. Recomputed — not incremented —
 * from the member days of the weeks a flush touched, in one aggregation and one bulkWrite, so a
 * retry or a second computation of the same week gives the same row (idempotent), and the
 * Trends page reads one row per day or week instead of every member's days.
 */
import { addLocalDays, weekOf } from './hours.js';
import { ACTIVE_MINUTES_CAP, GuildActivity, MemberDay, type ActivitySpan } from './rollup.model.js';

export interface TouchedDay {
  guildId: string;
  day: string;
}

/** The counts of one day or week: members who wrote, and the others by whole voice minutes. */
export interface ActivityCounts {
  messagers: number;
  voiceOnly: Record<string, number>;
}

/** Members active with a message or at least `minutes` of voice. */
export function activeAt(counts: ActivityCounts | undefined, minutes: number): number {
  if (!counts) return 0;
  let n = counts.messagers;
  for (const [m, members] of Object.entries(counts.voiceOnly)) if (Number(m) >= minutes) n += members;
  return n;
}

/** The seven local days of the ISO week starting `monday`. */
function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addLocalDays(monday, i));
}

/** A row's threshold class: -1 for someone who wrote, else whole voice minutes (capped). */
export function classOf(messages: unknown, voiceSeconds: unknown): unknown {
  return {
    $cond: [
      { $gt: [messages, 0] },
      -1,
      { $min: [ACTIVE_MINUTES_CAP, { $floor: { $divide: [voiceSeconds, 60] } }] },
    ],
  };
}

/**
 * Guild weeks recomputed by one aggregation. Its `$facet` answers in ONE document, capped at
 * 16 MB by MongoDB; a guild week is at most 8 rows × a few dozen threshold classes (~100 B each),
 * so 50 of them stay far below the cap whatever the number of guilds in a flush.
 */
export const WEEKS_PER_AGGREGATION = 50;

/**
 * Recomputes the day rows of every day in the weeks of `touched`, and those weeks' rows, from
 * the member days: 2 round trips per WEEKS_PER_AGGREGATION guild weeks (2 for a usual flush).
 */
export async function refreshActivity(touched: readonly TouchedDay[]): Promise<void> {
  const pairs = new Map<string, TouchedDay>();
  for (const t of touched) {
    const week = weekOf(t.day);
    pairs.set(`${t.guildId}|${week}`, { guildId: t.guildId, day: week });
  }
  const all = [...pairs.values()];
  for (let i = 0; i < all.length; i += WEEKS_PER_AGGREGATION)
    await refreshWeeks(all.slice(i, i + WEEKS_PER_AGGREGATION));
}

/** How far back the start-up recovery looks (the Trends page's longest preset range). */
export const RECOVER_DAYS = 90;
/** Weeks with member days this recent are recomputed at every start, rows or not. */
export const RECOMPUTE_RECENT_DAYS = 8;

/**
 * At worker start: recomputes the guild weeks whose active-member rows may be missing or stale.
 * - Weeks of the last RECOVER_DAYS with member days but no week row: written before the rollup
 *   existed, or by a process that stopped before recomputing them.
 * - Every week with member days in the last RECOMPUTE_RECENT_DAYS: a crash or a shutdown cut
 *   short between writing member days and recomputing loses the in-memory marks; this heals the
 *   week the process was in (and the one before, across a Monday).
 * Idempotent (a recompute gives the same row), bounded (a few aggregations per 50 guild weeks).
 * Returns the number of guild weeks recomputed.
 */
export async function recoverActivity(now: Date): Promise<number> {
  // A UTC day a little earlier than any guild's local day of the same instant: bounds, not edges.
  const dayAgo = (days: number) => addLocalDays(now.toISOString().slice(0, 10), -days);
  const since = weekOf(dayAgo(RECOVER_DAYS));
  const recentSince = dayAgo(RECOMPUTE_RECENT_DAYS);
  const days = await MemberDay.aggregate<{ _id: { g: string; d: string } }>([
    { $match: { day: { $gte: since } } },
    { $group: { _id: { g: '$guildId', d: '$day' } } },
  ]);
  const weeks = await GuildActivity.find({ span: 'week', start: { $gte: since } }, { guildId: 1, start: 1 })
    .lean()
    .exec();
  const hasRow = new Set(weeks.map((w) => `${w.guildId}|${w.start}`));
  const stale = new Map<string, TouchedDay>();
  for (const { _id } of days) {
    const week = weekOf(_id.d);
    const id = `${_id.g}|${week}`;
    if (!hasRow.has(id) || _id.d >= recentSince) stale.set(id, { guildId: _id.g, day: week });
  }
  await refreshActivity([...stale.values()]);
  return stale.size;
}

/** One aggregation and one bulkWrite for `touched` (each entry's day names its week). */
async function refreshWeeks(touched: readonly TouchedDay[]): Promise<void> {
  if (touched.length === 0) return;
  // Wall time, not the simulated clock: it orders computations of the same row across processes.
  const computedAt = new Date();
  const weeksByGuild = new Map<string, Set<string>>();
  for (const t of touched)
    weeksByGuild.set(t.guildId, (weeksByGuild.get(t.guildId) ?? new Set()).add(weekOf(t.day)));
  const allWeeks = [...new Set([...weeksByGuild.values()].flatMap((w) => [...w]))].sort();
  const weekExpression = {
    $switch: {
      branches: allWeeks.map((w) => ({
        case: { $and: [{ $gte: ['$day', w] }, { $lt: ['$day', addLocalDays(w, 7)] }] },
        then: w,
      })),
      default: null,
    },
  };
  const [result] = await MemberDay.aggregate<{
    days: { _id: { g: string; d: string; c: number }; n: number }[];
    weeks: { _id: { g: string; w: string; c: number }; n: number }[];
  }>([
    {
      $match: {
        $or: [...weeksByGuild].map(([guildId, weeks]) => ({
          guildId,
          day: { $in: [...weeks].flatMap(weekDays) },
        })),
      },
    },
    {
      $facet: {
        days: [
          {
            $group: {
              _id: { g: '$guildId', d: '$day', c: classOf('$messages', '$voiceSeconds') },
              n: { $sum: 1 },
            },
          },
        ],
        weeks: [
          {
            $group: {
              _id: { g: '$guildId', u: '$userId', w: weekExpression },
              messages: { $sum: '$messages' },
              voiceSeconds: { $sum: '$voiceSeconds' },
            },
          },
          {
            $group: {
              _id: { g: '$_id.g', w: '$_id.w', c: classOf('$messages', '$voiceSeconds') },
              n: { $sum: 1 },
            },
          },
        ],
      },
    },
  ]);
  // Every day and week recomputed gets a row, empty ones included (a row read as zero is exact).
  const rows = new Map<string, { guildId: string; span: ActivitySpan; start: string } & ActivityCounts>();
  const row = (guildId: string, span: ActivitySpan, start: string) => {
    const id = `${guildId}|${span}|${start}`;
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { guildId, span, start, messagers: 0, voiceOnly: {} }));
    return r;
  };
  for (const [guildId, weeks] of weeksByGuild)
    for (const w of weeks) {
      row(guildId, 'week', w);
      for (const d of weekDays(w)) row(guildId, 'day', d);
    }
  const add = (r: ActivityCounts, c: number, n: number) => {
    if (c < 0) r.messagers += n;
    else if (c > 0) r.voiceOnly[String(c)] = (r.voiceOnly[String(c)] ?? 0) + n;
  };
  for (const x of result?.days ?? []) add(row(x._id.g, 'day', x._id.d), x._id.c, x.n);
  for (const x of result?.weeks ?? []) if (x._id.w) add(row(x._id.g, 'week', x._id.w), x._id.c, x.n);
  try {
    await GuildActivity.bulkWrite(
      [...rows.values()].map((r) => ({
        updateOne: {
          // Only over a row computed earlier: a slower worker (rolling deploy, sandbox history
          // beside the live counter) must not write an older figure over a newer one.
          filter: {
            guildId: r.guildId,
            span: r.span,
            start: r.start,
            $or: [{ computedAt: { $lt: computedAt } }, { computedAt: { $exists: false } }],
          },
          update: { $set: { messagers: r.messagers, voiceOnly: r.voiceOnly, computedAt } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  } catch (error) {
    // A newer row makes the filter miss and the upsert hit the unique key: that row stays, as meant.
    if (!onlyDuplicateKeys(error)) throw error;
  }
}

function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((e: { code?: number }) => e.code === 11000);
}
