/**
 * The Trends page's data: reads rollups only (guild hours, member days, channel days, the
 * connect slice's daily intro counters, attendance through its source) for a period and the one
 * before it, folded into the guild's calendar.
 */
import { MemberEvent } from '../connect/member-event.model.js';
import type { AttendanceSource } from './attendance.js';
import {
  bucketLabels,
  bucketOf,
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
import { ChannelDay, GuildHour, MemberDay } from './rollup.model.js';

export const FIGURES = [
  'joins',
  'leaves',
  'net',
  'active',
  'messages',
  'voiceMinutes',
  'intros',
  'attendance',
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

/** The bucket of a `day` field as an aggregation expression (a $switch over the weeks' first days). */
function bucketExpression(period: Period, size: BucketSize): unknown {
  if (size === 'day') return '$day';
  const labels = bucketLabels(period, size);
  return {
    $switch: {
      branches: labels.map((label, i) => ({
        case: i + 1 < labels.length ? { $lt: ['$day', labels[i + 1]] } : { $gte: ['$day', label] },
        then: label,
      })),
      default: labels[labels.length - 1],
    },
  };
}

/**
 * Active members (a message, or at least `minutes` of voice) per bucket of `period` and over
 * `period` and `before` as wholes: counted in the database, one person once per bucket, so a
 * page never reads every member's days.
 */
async function activeMembers(
  guildId: string,
  period: Period,
  before: Period,
  size: BucketSize,
  minutes: number,
) {
  const sums = { messages: { $sum: '$messages' }, voice: { $sum: '$voiceSeconds' } };
  const active = { $match: { $or: [{ messages: { $gt: 0 } }, { voice: { $gte: minutes * 60 } }] } };
  const whole = (p: Period) => [
    { $match: { day: { $gte: p.from, $lte: p.to } } },
    { $group: { _id: '$userId', ...sums } },
    active,
    { $count: 'n' },
  ];
  const [result] = await MemberDay.aggregate<{
    buckets: { _id: string; n: number }[];
    current: { n: number }[];
    previous: { n: number }[];
  }>([
    { $match: { guildId, day: { $gte: before.from, $lte: period.to } } },
    {
      $facet: {
        buckets: [
          { $match: { day: { $gte: period.from, $lte: period.to } } },
          { $group: { _id: { user: '$userId', bucket: bucketExpression(period, size) }, ...sums } },
          active,
          { $group: { _id: '$_id.bucket', n: { $sum: 1 } } },
        ],
        current: whole(period),
        previous: whole(before),
      },
    },
  ]);
  const byBucket = new Map((result?.buckets ?? []).map((b) => [b._id, b.n]));
  return {
    perBucket: bucketLabels(period, size).map((label) => byBucket.get(bucketOf(label, size)) ?? 0),
    total: result?.current[0]?.n ?? 0,
    totalBefore: result?.previous[0]?.n ?? 0,
  };
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

/** Everything the Trends page shows for `query`; attendance is null (not measured) without a source. */
export async function loadTrends(
  guildId: string,
  query: TrendsQuery,
  attendance?: AttendanceSource,
): Promise<TrendsData> {
  const { period, size, zone } = query;
  const before = previousPeriod(period);
  const both: Period = { from: before.from, to: period.to };
  const [hourRows, active, intros, channels, attended] = await Promise.all([
    hours(guildId, both, zone),
    activeMembers(guildId, period, before, size, query.activeMinutes),
    introDays(guildId, both),
    topChannels(guildId, period),
    attendance ? attendanceDays(attendance, guildId, both, zone) : Promise.resolve(null),
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
  };
  return {
    labels: bucketLabels(period, size),
    series,
    figures,
    heatmap: heatmap(hourRows, zone, period),
    topChannels: channels,
  };
}
