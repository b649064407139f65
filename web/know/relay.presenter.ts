import type { RelayChainStatusView, RelayStatus } from '../../shared/know/relay.service.js';
import type { RelayDashboard, RelayDashboardChain, WaitFigures } from '../../shared/know/relay-dashboard.js';
import type { RelayChainView } from '../../shared/know/relay-view.js';
import { catalogue, type MessageKey, type Vars } from '../../shared/i18n/index.js';
import { DomainError, localizeError } from '../../shared/errors.js';
import {
  dateFormatter,
  formatCount,
  personNamer,
  type DateView,
  type PresentContext,
} from '../core/format.js';

export interface RelayLinkRowView {
  position: number;
  retry: string | null;
  from: string;
  nominee: string;
  status: string;
  statusKind: string;
  nominated: DateView | null;
  closed: DateView | null;
}

export interface RelayChainPanelView {
  /** The chain's id (the nominate form's hidden field, the page anchor). */
  chainId: string;
  heading: string;
  live: boolean;
  statusLabel: string;
  length: string;
  started: string;
  /** Who the chain waits for right now, or null when nothing is pending. */
  waitingFor: string | null;
  links: RelayLinkRowView[];
  breaks: string[];
  /** The organiser's nominate form, when the baton waits for a nomination and someone can be picked. */
  nominate: { candidates: { value: string; label: string }[] } | null;
  /** The last dashboard nomination of this chain and what became of it. */
  request: { text: string; kind: 'queued' | 'done' | 'refused' } | null;
}

export interface WaitView {
  count: string;
  /** "median 2 days · longest 9 days", or null when nothing waits. */
  detail: string | null;
}

export interface RelayView {
  enabled: boolean;
  summary: { active: string; longest: string; total: string };
  waiting: { intro: WaitView; nomination: WaitView; withBot: string };
  showing: string | null;
  chains: RelayChainPanelView[];
  /** One-person chains that never passed the baton, collapsed under one line. */
  idle: { summary: string; rows: string[]; more: string | null } | null;
  /** Why the nominate forms are missing (no worker to carry them out), or null. */
  nominateUnavailable: string | null;
}

/**
 * The relay page: the guild-wide figures, how many batons wait and for how long, the chains that
 * matter (longest first) with their links and breaks, and the idle one-person chains collapsed.
 */
export function presentRelay(
  data: {
    status: RelayStatus;
    dashboard: RelayDashboard;
    candidates: string[];
    enabled: boolean;
    names: ReadonlyMap<string, string>;
    /** A worker is there to carry a nomination out. */
    canNominate: boolean;
    /** The visitor may nominate (organisers, as in Discord: relay-policy.ts). */
    organiser: boolean;
  },
  ctx: PresentContext,
): RelayView {
  const { t } = ctx;
  const { status, dashboard } = data;
  const people = (n: number) => t('web.relay.summary.people', { count: formatCount(ctx, n) });
  const name = personNamer(ctx, data.names);
  const options = data.candidates.map((id) => ({ value: id, label: name(id) }));
  const idle = dashboard.idleCount > 0 ? presentIdle(dashboard, name, ctx) : null;
  return {
    enabled: data.enabled,
    summary: {
      active: formatCount(ctx, status.activeChains),
      longest: people(status.longestLength),
      total: people(status.totalIntroductions),
    },
    waiting: {
      intro: waitView(dashboard.waitingForIntro, ctx),
      nomination: waitView(dashboard.waitingForNomination, ctx),
      withBot: t('web.relay.waiting.withBot', { count: formatCount(ctx, dashboard.withBot) }),
    },
    showing: dashboard.chains.length > 0 ? showingLine(dashboard, ctx) : null,
    chains: dashboard.chains.map((chain) =>
      presentChain(
        chain,
        data.names,
        ctx,
        data.canNominate && data.organiser && data.enabled ? options : null,
      ),
    ),
    idle,
    nominateUnavailable: !data.canNominate
      ? t('web.relay.nominate.unavailable')
      : data.organiser
        ? null
        : t('web.relay.nominate.organisersOnly'),
  };
}

/** Which chains the page lists, and (only when there are any) how many more it leaves out. */
function showingLine(dashboard: RelayDashboard, ctx: PresentContext): string {
  const showing = ctx.t('web.relay.showingMatter', { count: formatCount(ctx, dashboard.chains.length) });
  if (dashboard.moreChains === 0) return showing;
  return `${showing} ${ctx.t('web.relay.showingMore', { count: formatCount(ctx, dashboard.moreChains) })}`;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * A wait in the visitor's language (Intl unit formatting): rounded first, then the unit picked
 * from the rounded value (59 min 40 s reads "1 hour", not "60 minutes"; 23 h 40 min "1 day");
 * days with one decimal, hours, minutes, and "under a minute" below that, so a fresh baton
 * never reads "0 minutes". A negative wait (the web's clock behind the worker's) counts as 0.
 */
export function formatWait(ms: number, ctx: PresentContext): string {
  const wait = Math.max(0, ms);
  const minutes = Math.round(wait / MINUTE_MS);
  if (minutes < 1) return ctx.t('web.relay.waiting.underMinute');
  const hours = Math.round(wait / HOUR_MS);
  const [unit, value, digits] =
    minutes < 60
      ? (['minute', minutes, 0] as const)
      : hours < 24
        ? (['hour', hours, 0] as const)
        : (['day', Math.round((wait / DAY_MS) * 10) / 10, 1] as const);
  return new Intl.NumberFormat(ctx.locale, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: digits,
  }).format(value);
}

/** "3 · median 2 days · longest 9 days" in the visitor's language. */
function waitView(figures: WaitFigures, ctx: PresentContext): WaitView {
  return {
    count: formatCount(ctx, figures.count),
    detail:
      figures.medianMs === null || figures.longestMs === null
        ? null
        : ctx.t('web.relay.waiting.detail', {
            median: formatWait(figures.medianMs, ctx),
            longest: formatWait(figures.longestMs, ctx),
          }),
  };
}

function presentIdle(
  dashboard: RelayDashboard,
  name: (id: string | null) => string,
  ctx: PresentContext,
): NonNullable<RelayView['idle']> {
  const day = dateFormatter(ctx);
  const row = (chain: RelayChainView) =>
    ctx.t('web.relay.idle.row', {
      number: chain.number,
      name: name(chain.startedBy),
      date: day(chain.startedAt)?.text ?? '',
    });
  const more = dashboard.idleCount - dashboard.idle.length;
  return {
    summary: ctx.t('web.relay.idle.summary', { count: formatCount(ctx, dashboard.idleCount) }),
    rows: dashboard.idle.map(row),
    more: more > 0 ? ctx.t('web.relay.idle.more', { count: formatCount(ctx, more) }) : null,
  };
}

function presentChain(
  chain: RelayDashboardChain,
  names: ReadonlyMap<string, string>,
  ctx: PresentContext,
  candidates: { value: string; label: string }[] | null,
): RelayChainPanelView {
  const { t } = ctx;
  const name = personNamer(ctx, names);
  const day = dateFormatter(ctx);
  const when = dateFormatter(ctx, true);
  const live = chain.status === 'active';
  let waitingFor: string | null = null;
  if (chain.openLink) waitingFor = t('web.relay.chain.waiting', { name: name(chain.openLink.nomineeId) });
  else if (chain.batonHolderId) waitingFor = t('web.relay.chain.holder', { name: name(chain.batonHolderId) });
  else if (chain.batonWithBot) waitingFor = t('web.relay.chain.withBot');
  return {
    chainId: chain.chainId,
    // A person's baton is offered only once they had the reminder time (relay-dashboard.ts).
    nominate: chain.organiserMayNominate && candidates && candidates.length > 0 ? { candidates } : null,
    request: presentRequest(chain, name, ctx),
    heading: t('web.relay.chain.heading', { number: chain.number }),
    live,
    statusLabel: t(live ? 'web.relay.chain.status.active' : 'web.relay.chain.status.broken'),
    length: t('web.relay.chain.length', { length: formatCount(ctx, chain.length) }),
    started: t('web.relay.chain.started', {
      name: name(chain.startedBy),
      date: day(chain.startedAt)?.text ?? '',
    }),
    waitingFor,
    links: chain.links.map((link) => ({
      position: link.position,
      retry: link.attempt > 1 ? t('web.relay.link.retry', { attempt: link.attempt }) : null,
      from: link.nominatedByBot ? t('web.people.bot') : name(link.fromUserId),
      nominee: name(link.nomineeId),
      // A completed link that was passed first is an intro that came after the baton moved on.
      status: t(
        link.status === 'completed' && link.passedAt
          ? 'web.relay.link.status.completedLate'
          : `web.relay.link.status.${link.status}`,
      ),
      statusKind: link.status,
      nominated: when(link.nominatedAt),
      closed: when(link.closedAt ?? link.completedAt),
    })),
    breaks: chain.breaks.map((b) =>
      t('web.relay.breaks.item', {
        position: b.position,
        kind: t(`web.relay.breaks.kind.${b.kind}`),
        date: when(b.at)?.text ?? '',
      }),
    ),
  };
}

function presentRequest(
  chain: RelayChainStatusView,
  name: (id: string | null) => string,
  ctx: PresentContext,
): RelayChainPanelView['request'] {
  const r = chain.nominationRequest;
  if (!r) return null;
  const nominee = name(r.nomineeId);
  if (r.status === 'queued')
    return { kind: 'queued', text: ctx.t('web.relay.request.queued', { name: nominee }) };
  if (r.status === 'done') return { kind: 'done', text: ctx.t('web.relay.request.done', { name: nominee }) };
  // The worker stores the refusal's catalogue key and its placeholder values ("Chain #{number}…");
  // an unknown key falls back to a generic reason.
  const known = r.reasonKey !== null && Object.hasOwn(catalogue(ctx.locale), r.reasonKey);
  const reason = known
    ? localizeError(ctx.locale, new DomainError('CONFLICT', r.reasonKey as MessageKey, r.reasonVars as Vars))
    : ctx.t('web.relay.nominate.failed');
  return { kind: 'refused', text: ctx.t('web.relay.request.refused', { name: nominee, reason }) };
}

/** Every user id a relay page names (starters, holders, nominators, nominees). */
export function relayPeople(data: Pick<RelayDashboard, 'chains' | 'idle'>): string[] {
  return [
    ...data.chains.flatMap((c) => [
      c.startedBy,
      c.batonHolderId,
      c.nominationRequest?.nomineeId ?? null,
      ...c.links.flatMap((l) => [l.fromUserId, l.nomineeId]),
    ]),
    ...data.idle.map((c) => c.startedBy),
  ].filter((id): id is string => id !== null);
}
