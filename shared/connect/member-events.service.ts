/**
 * Daily member-event counters (joins, leaves, intros…). They hold no user ids, so they stay
 * correct and anonymous after a person's data is erased.
 */
import { MemberEvent, type MemberEventKind } from './member-event.model.js';
import { GuildSettings } from '../kernel/guild-settings.model.js';
import { localDay } from '../clock.js';
import { upsertWithRetry } from '../db/upsert.js';

const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

/**
 * Adds `by` (default 1) to the guild's counter of `kind` for the day of `at` in the guild's time
 * zone (Asia/Tokyo unless set), so daily charts match the community's calendar.
 */
export async function countMemberEvent(
  guildId: string,
  kind: MemberEventKind,
  at: Date = new Date(),
  by = 1,
): Promise<void> {
  const settings = await GuildSettings.findOne({ guildId }, { timeZone: 1 }).lean();
  const day = localDay(at, settings?.timeZone ?? DEFAULT_TIME_ZONE);
  // Two first events of a day may race to insert the counter; the loser retries as an update.
  await upsertWithRetry(() =>
    MemberEvent.updateOne({ guildId, day, kind }, { $inc: { count: by } }, { upsert: true }),
  );
}

export interface MemberEventTotals {
  join: number;
  rejoin: number;
  leave: number;
  intro: number;
  relayCompleted: number;
  erasure: number;
}

/** Sums the guild's counters between two days (YYYY-MM-DD in the guild's zone, inclusive), for dashboards. */
export async function memberEventTotals(
  guildId: string,
  range: { fromDay?: string; toDay?: string } = {},
): Promise<MemberEventTotals> {
  const day: Record<string, string> = {};
  if (range.fromDay) day.$gte = range.fromDay;
  if (range.toDay) day.$lte = range.toDay;
  const rows = await MemberEvent.find({ guildId, ...(Object.keys(day).length ? { day } : {}) }).lean();
  const totals: MemberEventTotals = { join: 0, rejoin: 0, leave: 0, intro: 0, relayCompleted: 0, erasure: 0 };
  for (const row of rows) totals[row.kind as MemberEventKind] += row.count ?? 0;
  return totals;
}

/** Daily counts of one kind between two days (guild's zone, inclusive), oldest first, for charts. */
export async function memberEventSeries(
  guildId: string,
  kind: MemberEventKind,
  range: { fromDay: string; toDay: string },
): Promise<{ day: string; count: number }[]> {
  const rows = await MemberEvent.find({ guildId, kind, day: { $gte: range.fromDay, $lte: range.toDay } })
    .sort({ day: 1 })
    .lean();
  return rows.map((r) => ({ day: r.day, count: r.count ?? 0 }));
}
