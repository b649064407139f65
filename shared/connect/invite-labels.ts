/**
 * Cohort labels ("2025 leavers – Sales"): checked before Discord creates anything, and compared
 * loosely so that "2025 Leavers – sales" or a full-width "２０２５" joins the existing cohort.
 * Duplicates are merged rather than refused: an organiser who makes a second link for the same
 * cohort (another channel, a fresh link after one leaked, a batch with max uses) wants one cohort
 * with one total, not to invent a new spelling that splits it.
 */
import { DomainError } from '../errors.js';
import { InviteRecord } from './invite-record.model.js';

/** Discord's limit for a string option we pass the label through, kept for our own storage too. */
export const INVITE_LABEL_MAX = 100;

/** Trims and collapses spaces. @throws DomainError INVALID_INPUT on an empty or over-long label. */
export function normaliseLabel(raw: string): string {
  const label = raw.replace(/\s+/g, ' ').trim();
  if (label === '') throw new DomainError('INVALID_INPUT', 'connect.invite.error.labelEmpty');
  if ([...label].length > INVITE_LABEL_MAX) {
    throw new DomainError('INVALID_INPUT', 'connect.invite.error.labelTooLong', { max: INVITE_LABEL_MAX });
  }
  return label;
}

/** The key two labels share when they name the same cohort (NFKC, case-folded, one space). */
export function labelKey(label: string): string {
  return label.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/**
 * Each record's cohort, spelled as the cohort's first record spells it (`records` oldest first):
 * "Sales" and "sales" (older records made before labels were compared, or two /invite create
 * racing on a fresh label) are one cohort with one row. Null for an unlabelled record.
 */
export function cohortSpellings(
  records: readonly { label?: string | null; labelKey?: string | null }[],
): (string | null)[] {
  const first = new Map<string, string>();
  return records.map((r) => {
    if (!r.label) return null;
    const key = r.labelKey ?? labelKey(r.label);
    const spelling = first.get(key) ?? r.label;
    first.set(key, spelling);
    return spelling;
  });
}

/** A checked label, spelled as the guild's existing cohort when one has the same key. */
export interface CohortLabel {
  label: string;
  key: string;
  /** True when the label joins an existing cohort (its first spelling is kept). */
  merged: boolean;
}

/**
 * Checks `raw` and finds the cohort it belongs to. Runs before the invite is created on Discord,
 * so a refused label leaves nothing behind. @throws DomainError INVALID_INPUT (empty, too long).
 */
export async function resolveCohortLabel(guildId: string, raw: string): Promise<CohortLabel> {
  const label = normaliseLabel(raw);
  const key = labelKey(label);
  // Older records have no labelKey: compare their labels here (a guild has few cohorts).
  const labelled = await InviteRecord.find({ guildId, label: { $ne: null } }, { label: 1, labelKey: 1 })
    .sort({ createdAt: 1, code: 1 })
    .lean();
  const existing = labelled.find((r) => (r.labelKey ?? labelKey(r.label as string)) === key);
  return existing ? { label: existing.label as string, key, merged: true } : { label, key, merged: false };
}
