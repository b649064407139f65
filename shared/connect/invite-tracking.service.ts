/**
 * Invite tracking: keeps the last-seen invite snapshot per guild, attributes each join to the
 * invite used (and so to the person credited with it), stores cohort labels; the ranking of who
 * brings people in lives in connector-reads.ts.
 * Adapters must call `attributeJoin` for one guild's joins one at a time (a per-guild queue).
 */
import { InviteRecord } from './invite-record.model.js';
import { JoinAttribution, type AttributionMethod } from './join-attribution.model.js';
import { Profile } from '../kernel/profile.model.js';
import { diffInviteUses, movedUses, type InviteSnapshot } from './invite-diff.js';
import { creditOf } from './invite-counts.js';
import { resolveCohortLabel } from './invite-labels.js';

/** An invite as the adapter fetched it from Discord. */
export interface InviteInfo {
  code: string;
  uses: number;
  /** 0 = unlimited. */
  maxUses: number;
  inviterId: string | null;
  expiresAt?: Date | null;
}

/** How long a deleted invite stays in the baseline (its deletion event may beat the join event). */
const VANISHED_GRACE_MS = 10 * 60 * 1000;
/** How long an ambiguous movement can still account for joins seen after it. */
const AMBIGUITY_WINDOW_MS = 2 * 60 * 1000;
export { INVITE_LABEL_MAX } from './invite-labels.js';

/**
 * Stores the guild's current invites as the baseline (at start-up and on invite create).
 * Invites no longer listed are marked deleted; their counts stay.
 */
export async function syncInvites(input: {
  guildId: string;
  invites: InviteInfo[];
  now?: Date;
}): Promise<void> {
  const now = input.now ?? new Date();
  await Promise.all(input.invites.map((invite) => upsertInvite(input.guildId, invite)));
  await InviteRecord.updateMany(
    { guildId: input.guildId, deletedAt: null, code: { $nin: input.invites.map((i) => i.code) } },
    { $set: { deletedAt: now } },
  );
}

/** Marks one invite deleted (Discord's invite-delete event); it stays in the baseline a while. */
export async function markInviteDeleted(input: { guildId: string; code: string; now?: Date }): Promise<void> {
  await InviteRecord.updateOne(
    { guildId: input.guildId, code: input.code, deletedAt: null },
    { $set: { deletedAt: input.now ?? new Date() } },
  );
}

async function upsertInvite(guildId: string, invite: InviteInfo): Promise<void> {
  const record = await InviteRecord.findOne({ guildId, code: invite.code }, { inviterErased: 1 }).lean();
  const $set: Record<string, unknown> = {
    uses: invite.uses,
    maxUses: invite.maxUses,
    expiresAt: invite.expiresAt ?? null,
    deletedAt: null,
  };
  if (!record?.inviterErased) $set.inviterId = invite.inviterId;
  await InviteRecord.updateOne({ guildId, code: invite.code }, { $set }, { upsert: true });
}

export interface AttributionResult {
  method: AttributionMethod;
  code: string | null;
  inviterId: string | null;
  label: string | null;
  /** For 'ambiguous': the invites one of which was used. */
  candidateCodes: string[];
}

/**
 * Attributes a join by diffing the stored snapshot against `invites` fetched right after the
 * join, records it, and stores the new snapshot. Several invites moving at once is recorded as
 * ambiguous (no guessing); the per-invite counts stay exact either way.
 */
export async function attributeJoin(input: {
  guildId: string;
  userId: string;
  invites: InviteInfo[];
  joinedAt?: Date;
}): Promise<AttributionResult> {
  const { guildId, userId } = input;
  const joinedAt = input.joinedAt ?? new Date();
  const records = await InviteRecord.find({
    guildId,
    $or: [{ deletedAt: null }, { deletedAt: { $gte: new Date(joinedAt.getTime() - VANISHED_GRACE_MS) } }],
  }).lean();
  const before: InviteSnapshot = Object.fromEntries(
    records.map((r) => [r.code, { uses: r.uses ?? 0, maxUses: r.maxUses ?? 0 }]),
  );
  const after: InviteSnapshot = Object.fromEntries(
    input.invites.map((i) => [i.code, { uses: i.uses, maxUses: i.maxUses }]),
  );
  const diff = diffInviteUses(before, after);
  const moved = movedUses(before, after);

  await Promise.all(input.invites.map((invite) => upsertInvite(guildId, invite)));
  for (const [code, delta] of moved) {
    const usedUp = !(code in after);
    await InviteRecord.updateOne(
      { guildId, code },
      {
        $inc: { attributedJoins: delta },
        ...(usedUp ? { $set: { uses: before[code]?.maxUses ?? 0, deletedAt: joinedAt } } : {}),
      },
    );
  }

  if (diff.kind === 'matched') {
    const record = await InviteRecord.findOne({ guildId, code: diff.code }).lean();
    const credit = record
      ? creditOf({
          createdBy: record.createdBy ?? null,
          inviterId: record.inviterId ?? null,
          inviterErased: record.inviterErased ?? false,
        })
      : null;
    const result: AttributionResult = {
      method: 'invite',
      code: diff.code,
      // Back through their own link after leaving: nobody brought them in.
      inviterId: credit === userId ? null : credit,
      label: record?.label ?? null,
      candidateCodes: [],
    };
    // Back through the same link after leaving: one more use on Discord, the same person here.
    const repeat = !!(await JoinAttribution.exists({ guildId, userId, code: diff.code, method: 'invite' }));
    await JoinAttribution.create({ guildId, userId, joinedAt, repeat, ...result });
    await Profile.updateOne(
      { guildId, userId },
      { $set: { inviteCode: diff.code, invitedBy: result.inviterId } },
    );
    return result;
  }
  if (diff.kind === 'ambiguous') {
    const total = [...moved.values()].reduce((a, b) => a + b, 0);
    await JoinAttribution.create({
      guildId,
      userId,
      joinedAt,
      method: 'ambiguous',
      candidateCodes: diff.codes,
      unclaimedUses: total - 1,
    });
    return { method: 'ambiguous', code: null, inviterId: null, label: null, candidateCodes: diff.codes };
  }
  // Nothing moved: the movement may have been consumed by a join racing this one.
  const racing = await JoinAttribution.findOneAndUpdate(
    {
      guildId,
      method: 'ambiguous',
      unclaimedUses: { $gt: 0 },
      joinedAt: { $gte: new Date(joinedAt.getTime() - AMBIGUITY_WINDOW_MS) },
    },
    { $inc: { unclaimedUses: -1 } },
    { sort: { joinedAt: -1 }, returnDocument: 'after' },
  ).lean();
  const candidateCodes = racing ? [...(racing.candidateCodes ?? [])] : [];
  const method: AttributionMethod = racing ? 'ambiguous' : 'unknown';
  await JoinAttribution.create({ guildId, userId, joinedAt, method, candidateCodes });
  return { method, code: null, inviterId: null, label: null, candidateCodes };
}

/**
 * Stores a cohort invite the adapter just created on Discord, with its label (e.g. "2025 leavers
 * – Sales"), credited to `createdBy` (Discord names the bot as the inviter). A label matching an
 * existing cohort joins it. The adapter checks the label with `resolveCohortLabel` first, so a
 * refused label never leaves an invite behind. @throws DomainError INVALID_INPUT (empty, long).
 */
export async function createCohortInvite(input: {
  guildId: string;
  invite: InviteInfo;
  label: string;
  createdBy: string;
}): Promise<{ code: string; label: string; merged: boolean }> {
  const cohort = await resolveCohortLabel(input.guildId, input.label);
  await upsertInvite(input.guildId, input.invite);
  await InviteRecord.updateOne(
    { guildId: input.guildId, code: input.invite.code },
    { $set: { label: cohort.label, labelKey: cohort.key, createdBy: input.createdBy, kind: 'cohort' } },
  );
  return { code: input.invite.code, label: cohort.label, merged: cohort.merged };
}

export { inviteLeaderboard, cohortStats, type LeaderboardRow, type CohortRow } from './connector-reads.js';
