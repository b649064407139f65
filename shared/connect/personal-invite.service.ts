/**
 * Personal invites (/invite mine): each member has one invite link of their own, created once
 * and reused, credited to them. A link Discord deleted (revoked by hand, expired) is replaced.
 */
import { InviteRecord } from './invite-record.model.js';
import type { InviteInfo } from './invite-tracking.service.js';

/** A member's live personal invite. */
export interface PersonalInvite {
  code: string;
  createdAt: Date | null;
}

const live = (guildId: string, userId: string, now: Date) => ({
  guildId,
  kind: 'personal' as const,
  createdBy: userId,
  deletedAt: null,
  $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
});

/** The member's personal invite that still exists as far as Tsunagu knows, or null. */
export async function findPersonalInvite(input: {
  guildId: string;
  userId: string;
  now?: Date;
}): Promise<PersonalInvite | null> {
  const record = await InviteRecord.findOne(live(input.guildId, input.userId, input.now ?? new Date()))
    .sort({ createdAt: 1, code: 1 })
    .lean();
  return record ? { code: record.code, createdAt: (record as { createdAt?: Date }).createdAt ?? null } : null;
}

/**
 * Stores the invite the adapter just created as the member's personal invite. When two were
 * created at once (two clicks, two workers), the older one wins and `discard` names the other,
 * which the adapter deletes on Discord; it is marked deleted here already. `renewed` says the
 * member had a link before that Discord no longer has.
 */
export async function savePersonalInvite(input: {
  guildId: string;
  userId: string;
  invite: InviteInfo;
  now?: Date;
}): Promise<{ code: string; discard: string | null; renewed: boolean }> {
  const { guildId, userId, invite } = input;
  const now = input.now ?? new Date();
  await InviteRecord.updateOne(
    { guildId, code: invite.code },
    {
      $setOnInsert: { uses: invite.uses, inviterId: invite.inviterId },
      $set: {
        kind: 'personal',
        createdBy: userId,
        maxUses: invite.maxUses,
        expiresAt: invite.expiresAt ?? null,
        deletedAt: null,
      },
    },
    { upsert: true },
  );
  const renewed = !!(await InviteRecord.exists({
    guildId,
    kind: 'personal',
    createdBy: userId,
    deletedAt: { $ne: null },
  }));
  const winner = await findPersonalInvite({ guildId, userId, now });
  if (!winner || winner.code === invite.code) return { code: invite.code, discard: null, renewed };
  await retirePersonalInvite({ guildId, code: invite.code, now });
  return { code: winner.code, discard: invite.code, renewed: false };
}

/** Marks a personal invite gone (Discord no longer knows it); its counts stay, the next request makes a new one. */
export async function retirePersonalInvite(input: {
  guildId: string;
  code: string;
  now?: Date;
}): Promise<void> {
  await InviteRecord.updateOne(
    { guildId: input.guildId, code: input.code, deletedAt: null },
    { $set: { deletedAt: input.now ?? new Date() } },
  );
}
