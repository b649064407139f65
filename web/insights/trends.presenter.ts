/**
 * The Trends page as it is shown: figure cards (value, Δ and % against the previous period),
 * the chart data handed to the static script as JSON in a data attribute (the CSP forbids inline
 * script), the hour × weekday heatmap as a table, top channels.
 */
import { DateTime } from 'luxon';
import { FIGURES, type Figure, type TrendsData } from '../../shared/insights/trends.service.js';
import type { Comparison } from '../../shared/insights/fold.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { formatCount, type PresentContext } from '../core/format.js';
import type { TrendsForm, TrendsIssue } from './trends-query.schema.js';
import { RANGES } from './trends-query.schema.js';

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export interface FigureView {
  key: Figure;
  label: string;
  measured: boolean;
  value: string;
  previous: string;
  delta: string;
  percent: string;
  trend: 'up' | 'down' | 'flat';
}

export interface HeatCell {
  count: number;
  level: number;
  title: string;
}

export interface TrendsView {
  basePath: string;
  jsonHref: string;
  form: { ranges: Option[]; buckets: Option[]; from: string; to: string; active: number; custom: boolean };
  errors: string[];
  result?: {
    periodLabel: string;
    activeHint: string;
    figures: FigureView[];
    chartJson: string;
    heatmap: { hours: string[]; rows: { label: string; cells: HeatCell[] }[] };
    channels: { name: string; messages: string; voiceMinutes: string }[];
  };
}

const RANGE_KEYS: Record<(typeof RANGES)[number], MessageKey> = {
  '7': 'insights.trends.form.range7',
  '28': 'insights.trends.form.range28',
  '90': 'insights.trends.form.range90',
  custom: 'insights.trends.form.rangeCustom',
};

/** A bucket's first day as a short local label (3/8 in Japanese, 8 Mar in English). */
export function dayLabel(day: string, ctx: PresentContext): string {
  const date = DateTime.fromISO(day, { zone: 'UTC' });
  return ctx.locale === 'ja' ? `${date.month}/${date.day}` : date.setLocale('en-GB').toFormat('d LLL');
}

function longDay(day: string, ctx: PresentContext): string {
  const date = DateTime.fromISO(day, { zone: 'UTC' });
  return ctx.locale === 'ja' ? date.toFormat('yyyy/MM/dd') : date.setLocale('en-GB').toFormat('d LLL yyyy');
}

function signed(ctx: PresentContext, n: number): string {
  const text = formatCount(ctx, Math.abs(n));
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : '±0';
}

function presentFigure(key: Figure, comparison: Comparison | null, ctx: PresentContext): FigureView {
  const { t } = ctx;
  const label = t(`insights.figure.${key}`);
  if (!comparison) {
    const none = t('insights.figure.notMeasured');
    return { key, label, measured: false, value: none, previous: '', delta: '', percent: '', trend: 'flat' };
  }
  return {
    key,
    label,
    measured: true,
    value: formatCount(ctx, comparison.value),
    previous: t('insights.figure.previous', { value: formatCount(ctx, comparison.previous) }),
    delta: signed(ctx, comparison.delta),
    percent:
      comparison.percent === null
        ? comparison.value === 0
          ? '±0%'
          : t('insights.figure.noPrevious')
        : `${comparison.percent > 0 ? '+' : comparison.percent < 0 ? '−' : '±'}${Math.abs(comparison.percent)}%`,
    trend: comparison.delta > 0 ? 'up' : comparison.delta < 0 ? 'down' : 'flat',
  };
}

/** The chart definitions the static script draws (labels already localized). */
export function chartData(data: TrendsData, ctx: PresentContext) {
  const { t } = ctx;
  const s = data.series;
  const intros = [{ label: t('insights.figure.intros'), data: s.intros! }];
  if (s.attendance) intros.push({ label: t('insights.figure.attendance'), data: s.attendance });
  return {
    labels: data.labels.map((d) => dayLabel(d, ctx)),
    charts: [
      {
        id: 'members',
        title: t('insights.chart.members'),
        type: 'bar',
        datasets: [
          { label: t('insights.figure.joins'), data: s.joins! },
          { label: t('insights.figure.leaves'), data: s.leaves!.map((n) => -n) },
          { label: t('insights.figure.net'), data: s.net!, type: 'line' },
        ],
      },
      {
        id: 'active',
        title: t('insights.chart.activity'),
        type: 'line',
        datasets: [{ label: t('insights.figure.active'), data: s.active! }],
      },
      {
        id: 'messages',
        title: t('insights.chart.messages'),
        type: 'bar',
        datasets: [{ label: t('insights.figure.messages'), data: s.messages! }],
      },
      {
        id: 'voice',
        title: t('insights.chart.voice'),
        type: 'bar',
        datasets: [{ label: t('insights.figure.voiceMinutes'), data: s.voiceMinutes! }],
      },
      { id: 'intros', title: t('insights.chart.intros'), type: 'bar', datasets: intros },
      ...(s.relaySteps && s.rsvps && s.feedback
        ? [
            {
              id: 'participation',
              title: t('insights.chart.participation'),
              type: 'bar',
              datasets: [
                { label: t('insights.figure.relaySteps'), data: s.relaySteps },
                { label: t('insights.figure.rsvps'), data: s.rsvps },
                { label: t('insights.figure.feedback'), data: s.feedback },
              ],
            },
          ]
        : []),
    ],
  };
}

function presentHeatmap(grid: number[][], ctx: PresentContext) {
  const max = Math.max(0, ...grid.flat());
  return {
    hours: Array.from({ length: 24 }, (_, h) => String(h)),
    rows: grid.map((row, i) => {
      const weekday = ctx.t(`insights.weekday.${(i + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7}`);
      return {
        label: weekday,
        cells: row.map((count, hour) => ({
          count,
          // Levels 0–5 pick a CSS class (no inline style under the CSP).
          level: max === 0 || count === 0 ? 0 : Math.max(1, Math.ceil((count / max) * 5)),
          title: ctx.t('insights.heatmap.cell', { count, weekday, hour }),
        })),
      };
    }),
  };
}

/** A channel's name; a mixer's breakout rooms are counted as the mixer (or its event). */
function channelLabel(c: { channelId: string; name: string | null }, ctx: PresentContext): string {
  const name = c.name ?? c.channelId;
  if (c.channelId.startsWith('mixer:')) return ctx.t('insights.channels.mixer', { name });
  if (c.channelId.startsWith('event:')) return ctx.t('insights.channels.event', { name });
  return c.name ? `#${c.name}` : ctx.t('insights.channels.unnamed', { id: c.channelId });
}

/** Builds the Trends page from the parsed query and, when it was valid, the data. */
export function presentTrends(
  input: {
    guildId: string;
    form: TrendsForm;
    issues: TrendsIssue[];
    data?: TrendsData;
    previous?: { from: string; to: string };
  },
  ctx: PresentContext,
): TrendsView {
  const { t } = ctx;
  const basePath = `/guilds/${input.guildId}/insights/trends`;
  const params = new URLSearchParams({
    range: input.form.range,
    bucket: input.form.bucket,
    active: String(input.form.active),
  });
  if (input.form.range === 'custom') {
    params.set('from', input.form.from);
    params.set('to', input.form.to);
  }
  const view: TrendsView = {
    basePath,
    jsonHref: `${basePath}.json?${params.toString()}`,
    form: {
      ranges: RANGES.map((value) => ({
        value,
        label: t(RANGE_KEYS[value]),
        selected: input.form.range === value,
      })),
      buckets: (['day', 'week'] as const).map((value) => ({
        value,
        label: t(value === 'day' ? 'insights.trends.form.bucketDay' : 'insights.trends.form.bucketWeek'),
        selected: input.form.bucket === value,
      })),
      from: input.form.from,
      to: input.form.to,
      active: input.form.active,
      custom: input.form.range === 'custom',
    },
    errors: input.issues.map((i) => t(i.key, i.vars)),
  };
  const data = input.data;
  if (!data || !input.previous) return view;
  view.result = {
    periodLabel: t('insights.trends.periodLabel', {
      from: longDay(input.form.from, ctx),
      to: longDay(input.form.to, ctx),
      prevFrom: longDay(input.previous.from, ctx),
      prevTo: longDay(input.previous.to, ctx),
    }),
    activeHint: t('insights.figure.activeHint', { minutes: input.form.active }),
    figures: FIGURES.map((key) => presentFigure(key, data.figures[key], ctx)),
    chartJson: JSON.stringify(chartData(data, ctx)),
    heatmap: presentHeatmap(data.heatmap, ctx),
    channels: data.topChannels.map((c) => ({
      name: channelLabel(c, ctx),
      messages: formatCount(ctx, c.messages),
      voiceMinutes: formatCount(ctx, c.voiceMinutes),
    })),
  };
  return view;
}
