import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';

/**
 * An invite was deleted (revoked, expired, or used up by the join that is about to arrive):
 * mark it deleted; the service keeps it in the baseline a while so that join is still attributed.
 */
export const inviteDelete = defineEvent({
  name: Events.InviteDelete,
  async execute(ctx, invite) {
    const guildId = invite.guild?.id;
    if (!guildId) return;
    await ctx.runtime.joins.run(guildId, () =>
      ctx.services.connect.invites.markInviteDeleted({ guildId, code: invite.code }),
    );
  },
});
