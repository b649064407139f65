/**
 * Read-only invite figures for the dashboard's "who brings people in" page, beside
 * invite-tracking.service's leaderboard: cohorts with their Discord uses, and joins no invite
 * could be pinned on.
 */
import { InviteRecord } from './invite-record.model.js';
import { JoinAttribution } from './join-attribution.model.js';

/** One labelled (cohort) invite code. */
export interface CohortInviteRow {
  code: string;
  /** Uses Discord reports for the code (last snapshot). */
  uses: number;
  /** 0 = unlimited. */
  maxUses: number;
  /** Joins Tsunagu attributed to the code. */
  joins: number;
  /** null after the creator's data was erased or when the invite came from Discord directly. */
  createdBy: string | null;
  expiresAt: Date | null;
  /** Set once the invite no longer exists on Discord (its counts stay). */
  deletedAt: Date | null;
  createdAt: Date | null;
}

/** A cohort label with its codes and totals. */
export interface CohortSummary {
  label: string;
  uses: number;
  joins: number;
  invites: CohortInviteRow[];
}

/** Cohorts (labelled invites) with Discord uses and attributed joins, most joins first. */
export async function cohortInvites(guildId: string): Promise<CohortSummary[]> {
  const records = await InviteRecord.find({ guildId, label: { $ne: null } })
    .sort({ createdAt: 1, code: 1 })
    .lean();
  const byLabel = new Map<string, CohortSummary>();
  for (const r of records) {
    const label = r.label as string;
    const summary = byLabel.get(label) ?? { label, uses: 0, joins: 0, invites: [] };
    const row: CohortInviteRow = {
      code: r.code,
      uses: r.uses ?? 0,
      maxUses: r.maxUses ?? 0,
      joins: r.attributedJoins ?? 0,
      createdBy: r.createdBy ?? null,
      expiresAt: r.expiresAt ?? null,
      deletedAt: r.deletedAt ?? null,
      createdAt: (r as { createdAt?: Date }).createdAt ?? null,
    };
    summary.uses += row.uses;
    summary.joins += row.joins;
    summary.invites.push(row);
    byLabel.set(label, summary);
  }
  return [...byLabel.values()].sort((a, b) => b.joins - a.joins || a.label.localeCompare(b.label));
}

/** How the guild's recorded joins were attributed. */
export interface AttributionCounts {
  /** Pinned on one invite (and so on its inviter). */
  attributed: number;
  /** Several invites moved at once: one of a known set was used, not which. */
  ambiguous: number;
  /** No invite moved (vanity URL, Discovery, an invite the bot could not see…). */
  unknown: number;
}

/** Counts the guild's join attributions by method (erased members' rows still count). */
export async function attributionCounts(guildId: string): Promise<AttributionCounts> {
  const [attributed, ambiguous, unknown] = await Promise.all(
    (['invite', 'ambiguous', 'unknown'] as const).map((method) =>
      JoinAttribution.countDocuments({ guildId, method }),
    ),
  );
  return { attributed: attributed ?? 0, ambiguous: ambiguous ?? 0, unknown: unknown ?? 0 };
}
