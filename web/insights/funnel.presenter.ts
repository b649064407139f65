/** The funnel page as shown: steps with conversions, a chart spec for the static script, the cohort grid. */
import type { FunnelData } from '../../shared/insights/funnel.service.js';
import { CAME_BACK_DAYS, type FunnelStep } from '../../shared/insights/funnel.js';
import { formatCount, formatShare, type PresentContext } from '../core/format.js';
import type { FunnelForm, FunnelIssue } from './funnel-query.schema.js';
import type { Option } from './trends.presenter.js';

export interface FunnelStepView {
  key: FunnelStep;
  label: string;
  measured: boolean;
  count: string;
  conversion: string;
  ofJoined: string;
  /** 0–1 for the <meter> (no inline style under the CSP). */
  meter: number;
}

export interface FunnelView {
  basePath: string;
  jsonHref: string;
  form: { joinMonths: Option[]; leaveYears: Option[]; cohorts: Option[]; active: number };
  errors: string[];
  result?: {
    steps: FunnelStepView[];
    attendanceNote: string | null;
    chartJson: string;
    cohortHint: string;
    cohorts: {
      offsets: string[];
      rows: { month: string; size: string; cells: ({ text: string; level: number } | null)[] }[];
    };
  };
}

/** 2026-03 as 2026年3月 / 2026-03. */
export function monthLabel(month: string, ctx: PresentContext): string {
  const [year, m] = month.split('-');
  return ctx.t('insights.monthValue', { year: year!, month: ctx.locale === 'ja' ? String(Number(m)) : m! });
}

function stepLabel(step: FunnelStep, ctx: PresentContext): string {
  return step === 'cameBack'
    ? ctx.t('insights.funnel.step.cameBack', { days: CAME_BACK_DAYS })
    : ctx.t(`insights.funnel.step.${step}`);
}

function options(
  values: readonly string[],
  chosen: string,
  label: (v: string) => string,
  ctx: PresentContext,
): Option[] {
  const all = chosen && !values.includes(chosen) ? [chosen, ...values] : values;
  return [
    { value: '', label: ctx.t('insights.funnel.filter.any'), selected: chosen === '' },
    ...all.map((value) => ({ value, label: label(value), selected: value === chosen })),
  ];
}

export function presentFunnel(
  input: { guildId: string; form: FunnelForm; issues: FunnelIssue[]; data?: FunnelData },
  ctx: PresentContext,
): FunnelView {
  const { t } = ctx;
  const basePath = `/guilds/${input.guildId}/insights/funnel`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input.form)) if (v !== '') params.set(k, String(v));
  const opts = input.data?.options ?? { joinMonths: [], leaveYears: [], cohorts: [] };
  const view: FunnelView = {
    basePath,
    jsonHref: `${basePath}.json?${params.toString()}`,
    form: {
      joinMonths: options(opts.joinMonths, input.form.joinMonth, (m) => monthLabel(m, ctx), ctx),
      leaveYears: options(
        opts.leaveYears.map(String),
        input.form.leaveYear,
        (y) => t('web.members.leaveYearValue', { year: Number(y) }),
        ctx,
      ),
      cohorts: options(opts.cohorts, input.form.cohort, (c) => c, ctx),
      active: input.form.active,
    },
    errors: input.issues.map((i) => t(i.key, i.vars)),
  };
  const data = input.data;
  if (!data) return view;
  const none = t('web.people.none');
  const share = (v: number | null) => (v === null ? none : (formatShare(ctx, v, 1) ?? none));
  const steps = data.steps.map((s) => ({
    key: s.step,
    label: stepLabel(s.step, ctx),
    measured: s.count !== null,
    count: s.count === null ? t('insights.funnel.notMeasured') : formatCount(ctx, s.count),
    conversion: share(s.conversion),
    ofJoined: share(s.ofJoined),
    meter: s.ofJoined ?? 0,
  }));
  const span = Math.max(0, ...data.cohorts.map((c) => c.active.length));
  view.result = {
    steps,
    attendanceNote: data.attendanceMeasured ? null : t('insights.funnel.noAttendance'),
    chartJson: JSON.stringify({
      labels: steps.filter((s) => s.measured).map((s) => s.label),
      charts: [
        {
          id: 'funnel',
          title: t('insights.funnel.chart'),
          type: 'bar',
          datasets: [
            {
              label: t('insights.funnel.col.people'),
              data: data.steps.flatMap((s) => (s.count === null ? [] : [s.count])),
            },
          ],
        },
      ],
    }),
    cohortHint: t('insights.cohorts.hint', { minutes: input.form.active }),
    cohorts: {
      offsets: Array.from({ length: span }, (_, n) => t('insights.cohorts.offset', { n })),
      rows: data.cohorts.map((c) => ({
        month: monthLabel(c.month, ctx),
        size: formatCount(ctx, c.size),
        cells: Array.from({ length: span }, (_, i) => {
          const active = c.active[i];
          if (active === undefined || active === null) return null;
          const ratio = c.size === 0 ? 0 : active / c.size;
          return {
            text: t('insights.cohorts.cell', {
              active,
              size: c.size,
              share: formatShare(ctx, active, c.size) ?? none,
            }),
            level: active === 0 ? 0 : Math.max(1, Math.ceil(ratio * 5)),
          };
        }),
      })),
    },
  };
  return view;
}
