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
import { activeAt, classOf, type ActivityCounts } from './activity-rollup.js';
import { ChannelDay, GuildActivity, GuildHour, MemberDay } from './rollup.model.js';

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

/** A bucket of `period` cut to the period's days (a week at its edges has fewer than 7). */
interface ClippedBucket {
  label: string;
  from: string;
  to: string;
}

function clippedBuckets(period: Period, size: BucketSize): ClippedBucket[] {
  return bucketLabels(period, size).map((label) => {
    const end = size === 'day' ? label : addLocalDays(label, 6);
    return {
      label,
      from: label < period.from ? period.from : label,
      to: end > period.to ? period.to : end,
    };
  });
}

/**
 * Members active on the days of edge weeks cut by a period (one aggregation over those days'
 * member rows: at most 4 weeks of 6 days, whatever the range), keyed by `${which}|${label}`.
 */
async function edgeWeeks(guildId: string, edges: readonly (ClippedBucket & { which: string })[]) {
  const out = new Map<string, ActivityCounts>();
  if (edges.length === 0) return out;
  const rows = await MemberDay.aggregate<{ _id: { e: string; c: number }; n: number }>([
    { $match: { guildId, $or: edges.map((e) => ({ day: { $gte: e.from, $lte: e.to } })) } },
    {
      $group: {
        _id: {
          u: '$userId',
          e: {
            $switch: {
              branches: edges.map((e) => ({
                case: { $and: [{ $gte: ['$day', e.from] }, { $lte: ['$day', e.to] }] },
                then: `${e.which}|${e.label}`,
              })),
              default: null,
            },
          },
        },
        messages: { $sum: '$messages' },
        voiceSeconds: { $sum: '$voiceSeconds' },
      },
    },
    { $group: { _id: { e: '$_id.e', c: classOf('$messages', '$voiceSeconds') }, n: { $sum: 1 } } },
  ]);
  for (const { _id, n } of rows) {
    if (!_id.e) continue;
    const counts = out.get(_id.e) ?? { messagers: 0, voiceOnly: {} };
    if (_id.c < 0) counts.messagers += n;
    else if (_id.c > 0) counts.voiceOnly[String(_id.c)] = (counts.voiceOnly[String(_id.c)] ?? 0) + n;
    out.set(_id.e, counts);
  }
  return out;
}

/**
 * Active members (a message, or at least `minutes` of voice) per bucket of `period`, from the
 * guild-activity rollup: one row per day or whole week, exact for every threshold, so the page's
 * cost follows days, not events or members. A week cut by the period's edge counts only its days
 * inside the period, like every other series (so the week across the boundary is not counted
 * in both periods); those few days are read from the member days. The period's figure is the
 * average per bucket (people active on a typical day or week): distinct people over an
 * arbitrary period would need every member's days again.
 */
async function activeMembers(
  guildId: string,
  period: Period,
  before: Period,
  size: BucketSize,
  minutes: number,
) {
  const now = clippedBuckets(period, size);
  const then = clippedBuckets(before, size);
  const whole = (b: ClippedBucket) =>
    size === 'day' || (b.from === b.label && b.to === addLocalDays(b.label, 6));
  const edges = [
    ...then.filter((b) => !whole(b)).map((b) => ({ ...b, which: 'before' })),
    ...now.filter((b) => !whole(b)).map((b) => ({ ...b, which: 'now' })),
  ];
  const [rows, edgeCounts] = await Promise.all([
    GuildActivity.find(
      { guildId, span: size, start: { $gte: then[0]!.label, $lte: now[now.length - 1]!.label } },
      { start: 1, messagers: 1, voiceOnly: 1, _id: 0 },
    ).lean(),
    edgeWeeks(guildId, edges),
  ]);
  const byStart = new Map(rows.map((r) => [r.start, r as ActivityCounts]));
  const series = (list: ClippedBucket[], which: string) =>
    list.map((b) =>
      activeAt(whole(b) ? byStart.get(b.label) : edgeCounts.get(`${which}|${b.label}`), minutes),
    );
  const average = (values: number[]) => Math.round((total(values) / Math.max(1, values.length)) * 10) / 10;
  const perBucket = series(now, 'now');
  return { perBucket, total: average(perBucket), totalBefore: average(series(then, 'before')) };
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
