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
function classOf(messages: unknown, voiceSeconds: unknown): unknown {
  return {
    $cond: [
      { $gt: [messages, 0] },
      -1,
      { $min: [ACTIVE_MINUTES_CAP, { $floor: { $divide: [voiceSeconds, 60] } }] },
    ],
  };
}

/**
 * Recomputes the day rows of every day in the weeks of `touched`, and those weeks' rows, from
 * the member days (2 round trips whatever the number of guilds, days or members).
 */
export async function refreshActivity(touched: readonly TouchedDay[]): Promise<void> {
  if (touched.length === 0) return;
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
  await GuildActivity.bulkWrite(
    [...rows.values()].map((r) => ({
      updateOne: {
        filter: { guildId: r.guildId, span: r.span, start: r.start },
        update: { $set: { messagers: r.messagers, voiceOnly: r.voiceOnly } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}
