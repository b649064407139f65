/**
 * Read-only invite figures for the dashboard's "who brings people in" page, beside
 * invite-tracking.service's leaderboard: cohorts with their Discord uses, and joins no invite
 * could be pinned on.
 */
import { InviteRecord } from './invite-record.model.js';
import { JoinAttribution } from './join-attribution.model.js';
import { distinctPeople } from './invite-counts.js';
import { loadInviteCounts } from './connector-reads.js';
import { cohortSpellings } from './invite-labels.js';

/** One labelled (cohort) invite code. */
export interface CohortInviteRow {
  code: string;
  /** Uses Discord reports for the code (last snapshot). */
  uses: number;
  /** 0 = unlimited. */
  maxUses: number;
  /** Members brought in through the code: people, once each (a return is not a second). */
  people: number;
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
  /** Discord's uses, summed over the cohort's codes. */
  uses: number;
  /** Members brought in: people, once each across the cohort's codes. */
  joins: number;
  invites: CohortInviteRow[];
}

/** Cohorts (labelled invites) with Discord uses and members brought in, most members first. */
export async function cohortInvites(guildId: string): Promise<CohortSummary[]> {
  const [records, counts] = await Promise.all([
    InviteRecord.find({ guildId, label: { $ne: null } })
      .sort({ createdAt: 1, code: 1 })
      .lean(),
    loadInviteCounts(guildId),
  ]);
  // Grouped by the cohort's key, shown in its first spelling ("Sales" and "sales" are one row).
  const labels = cohortSpellings(records);
  const byLabel = new Map<string, CohortSummary & { codes: Set<string> }>();
  for (const [i, r] of records.entries()) {
    const label = labels[i] as string;
    const summary = byLabel.get(label) ?? { label, uses: 0, joins: 0, invites: [], codes: new Set() };
    const row: CohortInviteRow = {
      code: r.code,
      uses: r.uses ?? 0,
      maxUses: r.maxUses ?? 0,
      people: distinctPeople(counts.joins.filter((j) => j.code === r.code)).length,
      createdBy: r.createdBy ?? null,
      expiresAt: r.expiresAt ?? null,
      deletedAt: r.deletedAt ?? null,
      createdAt: (r as { createdAt?: Date }).createdAt ?? null,
    };
    summary.uses += row.uses;
    summary.codes.add(r.code);
    summary.invites.push(row);
    byLabel.set(label, summary);
  }
  return [...byLabel.values()]
    .map(({ codes, ...summary }) => ({
      ...summary,
      joins: distinctPeople(counts.joins.filter((j) => codes.has(j.code))).length,
    }))
    .sort((a, b) => b.joins - a.joins || a.label.localeCompare(b.label));
}

/** How the guild's members joined: people, once each per way (a return through the same way is not a second). */
export interface AttributionCounts {
  /** Pinned on one invite (and so on its inviter). */
  attributed: number;
  /** Several invites moved at once: one of a known set was used, not which. */
  ambiguous: number;
  /** No invite moved (vanity URL, Discovery, an invite the bot could not see…). */
  unknown: number;
}

/**
 * Counts the people behind the guild's join attributions, by method: distinct user ids, so a
 * member who left and came back is one person; an erased member's rows (no user id) count
 * each as one person, as in the cohort totals.
 */
export async function attributionCounts(guildId: string): Promise<AttributionCounts> {
  const rows = await JoinAttribution.find({ guildId }, { userId: 1, method: 1 }).lean();
  const people = (method: string) =>
    new Set(rows.filter((r) => r.method === method).map((r) => r.userId ?? `row:${String(r._id)}`)).size;
  return { attributed: people('invite'), ambiguous: people('ambiguous'), unknown: people('unknown') };
}
