/** Plain shapes of relay chains and links returned by the relay services. */
import type { RelayChainStatus } from './relay-chain.model.js';
import type { RelayLinkStatus } from './relay-link.model.js';

export interface RelayLinkView {
  linkId: string;
  chainId: string;
  guildId: string;
  /** Nomination made by the chain's n-th introducer. */
  position: number;
  /** 1 for the first nominee at this position, 2+ after the baton was handed back. */
  attempt: number;
  replacesLinkId: string | null;
  /** null when the bot nominated, or the nominator's data was erased. */
  fromUserId: string | null;
  nominatedByBot: boolean;
  /** null only after the nominee's data was erased. */
  nomineeId: string | null;
  status: RelayLinkStatus;
  nominatedAt: Date;
  reminderDueAt: Date;
  remindedAt: Date | null;
  passDueAt: Date | null;
  /** Set when the baton was handed back; with status `completed` the intro came late (relay-late.ts). */
  passedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
}

export interface RelayBreakView {
  position: number;
  linkId: string | null;
  kind: 'passed' | 'broken' | 'cancelled' | 'overridden';
  at: Date;
}

export interface RelayChainView {
  chainId: string;
  guildId: string;
  number: number;
  status: RelayChainStatus;
  /** Introductions made in this chain (the starter counts). */
  length: number;
  startedBy: string | null;
  startedAt: Date;
  lastActivityAt: Date;
  /** Who may nominate now (null while a nomination is open, or when the bot holds it). */
  batonHolderId: string | null;
  batonWithBot: boolean;
  breaks: RelayBreakView[];
  /** The last dashboard nomination of this chain and its outcome (relay-organiser.service.ts). */
  nominationRequest: NominationRequestView | null;
}

export interface NominationRequestView {
  requestId: string | null;
  nomineeId: string | null;
  status: 'queued' | 'done' | 'refused';
  reasonKey: string | null;
  /** The refusal's placeholder values (`{number}` of "Chain #{number}…"), strings and numbers only. */
  reasonVars: Record<string, string | number>;
  requestedAt: Date;
  settledAt: Date | null;
}

type Lean = Record<string, unknown>;
const id = (v: unknown) => (v === null || v === undefined ? null : String(v));
const date = (v: unknown) => (v instanceof Date ? v : null);

/** Maps a lean RelayLink document. */
export function toLinkView(doc: Lean): RelayLinkView {
  return {
    linkId: String(doc._id),
    chainId: String(doc.chainId),
    guildId: String(doc.guildId),
    position: Number(doc.position),
    attempt: Number(doc.attempt ?? 1),
    replacesLinkId: id(doc.replacesLinkId),
    fromUserId: id(doc.fromUserId),
    nominatedByBot: doc.nominatedByBot === true,
    nomineeId: id(doc.nomineeId),
    status: doc.status as RelayLinkStatus,
    nominatedAt: doc.nominatedAt as Date,
    reminderDueAt: doc.reminderDueAt as Date,
    remindedAt: date(doc.remindedAt),
    passDueAt: date(doc.passDueAt),
    passedAt: date(doc.passedAt),
    completedAt: date(doc.completedAt),
    closedAt: date(doc.closedAt),
  };
}

/** Maps a lean RelayChain document. */
export function toChainView(doc: Lean): RelayChainView {
  const breaks = Array.isArray(doc.breaks) ? (doc.breaks as Lean[]) : [];
  return {
    chainId: String(doc._id),
    guildId: String(doc.guildId),
    number: Number(doc.number),
    status: doc.status as RelayChainStatus,
    length: Number(doc.length ?? 1),
    startedBy: id(doc.startedBy),
    startedAt: doc.startedAt as Date,
    lastActivityAt: doc.lastActivityAt as Date,
    batonHolderId: id(doc.batonHolderId),
    batonWithBot: doc.batonWithBot === true,
    breaks: breaks.map((b) => ({
      position: Number(b.position),
      linkId: id(b.linkId),
      kind: b.kind as RelayBreakView['kind'],
      at: b.at as Date,
    })),
    nominationRequest: requestView(doc.nominationRequest),
  };
}

/** Keeps only string and number values (what a message placeholder takes). */
function plainVars(raw: unknown): Record<string, string | number> {
  if (!raw || typeof raw !== 'object') return {};
  return Object.fromEntries(
    Object.entries(raw as Lean).filter(
      (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
    ),
  );
}

function requestView(raw: unknown): NominationRequestView | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Lean;
  return {
    requestId: typeof r.requestId === 'string' ? r.requestId : null,
    nomineeId: id(r.nomineeId),
    status: r.status as NominationRequestView['status'],
    reasonKey: typeof r.reasonKey === 'string' ? r.reasonKey : null,
    reasonVars: plainVars(r.reasonVars),
    requestedAt: r.requestedAt as Date,
    settledAt: date(r.settledAt),
  };
}
