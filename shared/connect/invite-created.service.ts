/**
 * Recording an invite as soon as Discord announces it, without touching other invites' counts:
 * a full re-sync at that moment would absorb the uses of joins whose events are still queued,
 * and those joins would then go unattributed.
 */
import { InviteRecord } from './invite-record.model.js';
import type { InviteInfo } from './invite-tracking.service.js';

/** Adds a new invite to the guild's baseline (uses as announced, normally 0); an existing record keeps its counts. */
export async function recordInviteCreated(input: { guildId: string; invite: InviteInfo }): Promise<void> {
  const { guildId, invite } = input;
  await InviteRecord.updateOne(
    { guildId, code: invite.code },
    {
      $setOnInsert: { uses: invite.uses, inviterId: invite.inviterId },
      $set: { maxUses: invite.maxUses, expiresAt: invite.expiresAt ?? null, deletedAt: null },
    },
    { upsert: true },
  );
}
