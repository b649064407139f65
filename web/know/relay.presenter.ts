import type { RelayChainStatusView, RelayStatus } from '../../shared/know/relay.service.js';
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
  heading: string;
  live: boolean;
  statusLabel: string;
  length: string;
  started: string;
  /** Who the chain waits for right now, or null when nothing is pending. */
  waitingFor: string | null;
  links: RelayLinkRowView[];
  breaks: string[];
}

export interface RelayView {
  enabled: boolean;
  summary: { active: string; longest: string; total: string };
  showing: string | null;
  chains: RelayChainPanelView[];
}

/** The relay page: every recent chain with its links, its length and where it broke. */
export function presentRelay(
  data: { status: RelayStatus; enabled: boolean; names: ReadonlyMap<string, string> },
  ctx: PresentContext,
): RelayView {
  const { t } = ctx;
  const { status } = data;
  const people = (n: number) => t('web.relay.summary.people', { count: formatCount(ctx, n) });
  return {
    enabled: data.enabled,
    summary: {
      active: formatCount(ctx, status.activeChains),
      longest: people(status.longestLength),
      total: people(status.totalIntroductions),
    },
    showing: status.chains.length > 0 ? t('web.relay.showing', { count: status.chains.length }) : null,
    chains: status.chains.map((chain) => presentChain(chain, data.names, ctx)),
  };
}

function presentChain(
  chain: RelayChainStatusView,
  names: ReadonlyMap<string, string>,
  ctx: PresentContext,
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

/** Every user id a relay page names (starters, holders, nominators, nominees). */
export function relayPeople(status: RelayStatus): string[] {
  return status.chains
    .flatMap((c) => [c.startedBy, c.batonHolderId, ...c.links.flatMap((l) => [l.fromUserId, l.nomineeId])])
    .filter((id): id is string => id !== null);
}
