/**
 * The Trends page's data: reads rollups only (guild hours, member days, channel days, the
 * connect slice's daily intro counters, attendance through its source) for a period and the one
 * before it, folded into the guild's calendar.
 */
import { MemberEvent } from '../connect/member-event.model.js';
import type { AttendanceSource } from './attendance.js';
import type { ParticipationCounts, ParticipationSource } from './participation.js';
import {
  bucketLabels,
  compare,
  foldDays,
  foldHours,
  heatmap,
  previousPeriod,
  total,
  type BucketSize,
  type Comparison,
  type Period,
} from './fold.js';
import { addLocalDays, localDayOf, localDayStart } from './hours.js';
import { activeAt, type ActivityCounts } from './activity-rollup.js';
import { ChannelDay, GuildActivity, GuildHour } from './rollup.model.js';

export const FIGURES = [
  'joins',
  'leaves',
  'net',
  'active',
  'messages',
  'voiceMinutes',
  'intros',
  'attendance',
  'relaySteps',
  'rsvps',
  'feedback',
] as const;
export type Figure = (typeof FIGURES)[number];

export interface TrendsQuery {
  period: Period;
  size: BucketSize;
  /** Voice minutes in a bucket that make a member active without a message. */
  activeMinutes: number;
  zone: string;
}

export interface TrendsData {
  labels: string[];
  series: Record<Figure, number[] | null>;
  /** Each figure over the whole period against the previous period; null when it is not measured. */
  figures: Record<Figure, Comparison | null>;
  heatmap: number[][];
  topChannels: { channelId: string; name: string | null; messages: number; voiceMinutes: number }[];
}

const TOP_CHANNELS = 8;

async function hours(guildId: string, period: Period, zone: string) {
  const from = localDayStart(period.from, zone);
  const to = localDayStart(addLocalDays(period.to, 1), zone);
  return GuildHour.find(
    { guildId, hour: { $gte: from, $lt: to } },
    { hour: 1, messages: 1, voiceSeconds: 1, joins: 1, leaves: 1, _id: 0 },
  ).lean();
}

/**
 * Active members (a message, or at least `minutes` of voice) per bucket of `period`, from the
 * guild-activity rollup: one row per day or week, exact for every threshold, so the page's
 * cost follows days, not events or members. The period's figure is the average per bucket
 * (people active on a typical day or week): distinct people over an arbitrary period would need
 * every member's days again.
 */
async function activeMembers(
  guildId: string,
  period: Period,
  before: Period,
  size: BucketSize,
  minutes: number,
) {
  const labels = bucketLabels(period, size);
  const labelsBefore = bucketLabels(before, size);
  const rows = await GuildActivity.find(
    { guildId, span: size, start: { $gte: labelsBefore[0]!, $lte: labels[labels.length - 1]! } },
    { start: 1, messagers: 1, voiceOnly: 1, _id: 0 },
  ).lean();
  const byStart = new Map(rows.map((r) => [r.start, r as ActivityCounts]));
  const series = (list: string[]) => list.map((label) => activeAt(byStart.get(label), minutes));
  const average = (values: number[]) => Math.round((total(values) / Math.max(1, values.length)) * 10) / 10;
  const perBucket = series(labels);
  return { perBucket, total: average(perBucket), totalBefore: average(series(labelsBefore)) };
}

async function introDays(guildId: string, period: Period) {
  const rows = await MemberEvent.find({
    guildId,
    kind: 'intro',
    day: { $gte: period.from, $lte: period.to },
  }).lean();
  return rows.map((r) => ({ day: r.day, count: r.count ?? 0 }));
}

/** Top channels of the period by messages, then voice minutes (grouped in the database). */
async function topChannels(guildId: string, period: Period) {
  const rows = await ChannelDay.aggregate<{
    _id: string;
    name: string | null;
    messages: number;
    voiceSeconds: number;
  }>([
    { $match: { guildId, day: { $gte: period.from, $lte: period.to } } },
    { $sort: { day: 1 } },
    {
      $group: {
        _id: '$channelId',
        name: { $last: '$name' },
        messages: { $sum: '$messages' },
        voiceSeconds: { $sum: '$voiceSeconds' },
      },
    },
    { $sort: { messages: -1, voiceSeconds: -1, _id: 1 } },
    { $limit: TOP_CHANNELS },
  ]);
  return rows.map((r) => ({
    channelId: r._id,
    name: r.name ?? null,
    messages: r.messages,
    voiceMinutes: Math.round(r.voiceSeconds / 60),
  }));
}

async function attendanceDays(source: AttendanceSource, guildId: string, period: Period, zone: string) {
  const list = await source.attendances(guildId, {
    from: localDayStart(period.from, zone),
    to: localDayStart(addLocalDays(period.to, 1), zone),
  });
  return list.map((a) => ({ day: localDayOf(a.at, zone), count: 1 }));
}

/** Relay steps, RSVPs and feedback of both periods (null without a source: not measured). */
async function participationDays(
  source: ParticipationSource | undefined,
  guildId: string,
  period: Period,
  zone: string,
): Promise<ParticipationCounts | null> {
  if (!source) return null;
  return source.daily(
    guildId,
    { from: localDayStart(period.from, zone), to: localDayStart(addLocalDays(period.to, 1), zone) },
    zone,
  );
}

const PARTICIPATION = ['relaySteps', 'rsvps', 'feedback'] as const;

/**
 * Everything the Trends page shows for `query`; attendance and participation are null (not
 * measured) without their source.
 */
export async function loadTrends(
  guildId: string,
  query: TrendsQuery,
  attendance?: AttendanceSource,
  participation?: ParticipationSource,
): Promise<TrendsData> {
  const { period, size, zone } = query;
  const before = previousPeriod(period);
  const both: Period = { from: before.from, to: period.to };
  const [hourRows, active, intros, channels, attended, took] = await Promise.all([
    hours(guildId, both, zone),
    activeMembers(guildId, period, before, size, query.activeMinutes),
    introDays(guildId, both),
    topChannels(guildId, period),
    attendance ? attendanceDays(attendance, guildId, both, zone) : Promise.resolve(null),
    participationDays(participation, guildId, both, zone),
  ]);
  const now = foldHours(hourRows, zone, period, size);
  const prev = foldHours(hourRows, zone, before, size);
  const net = now.joins.map((j, i) => j - now.leaves[i]!);
  const series: TrendsData['series'] = {
    joins: now.joins,
    leaves: now.leaves,
    net,
    active: active.perBucket,
    messages: now.messages,
    voiceMinutes: now.voiceMinutes,
    intros: foldDays(intros, period, size),
    attendance: attended ? foldDays(attended, period, size) : null,
    relaySteps: took ? foldDays(took.relaySteps, period, size) : null,
    rsvps: took ? foldDays(took.rsvps, period, size) : null,
    feedback: took ? foldDays(took.feedback, period, size) : null,
  };
  const sum = (a: number[]) => total(a);
  const figures: TrendsData['figures'] = {
    joins: compare(sum(now.joins), sum(prev.joins)),
    leaves: compare(sum(now.leaves), sum(prev.leaves)),
    net: compare(sum(now.joins) - sum(now.leaves), sum(prev.joins) - sum(prev.leaves)),
    active: compare(active.total, active.totalBefore),
    messages: compare(sum(now.messages), sum(prev.messages)),
    voiceMinutes: compare(sum(now.voiceMinutes), sum(prev.voiceMinutes)),
    intros: compare(sum(series.intros!), sum(foldDays(intros, before, size))),
    attendance: attended ? compare(sum(series.attendance!), sum(foldDays(attended, before, size))) : null,
    relaySteps: null,
    rsvps: null,
    feedback: null,
  };
  if (took)
    for (const key of PARTICIPATION)
      figures[key] = compare(sum(series[key]!), sum(foldDays(took[key], before, size)));
  return {
    labels: bucketLabels(period, size),
    series,
    figures,
    heatmap: heatmap(hourRows, zone, period),
    topChannels: channels,
  };
}
