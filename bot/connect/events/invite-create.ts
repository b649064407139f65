import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';
import { recordInviteCreated } from '../../../shared/connect/invite-created.service.js';
import { toInviteInfo } from '../flows/invite-tracker.js';

/**
 * A new invite: add it to the guild's baseline with its announced uses (0), in the join queue.
 * Only this invite is recorded: re-reading all counts now would swallow joins still queued.
 */
export const inviteCreate = defineEvent({
  name: Events.InviteCreate,
  async execute(ctx, invite) {
    const guildId = invite.guild?.id;
    if (!guildId) return;
    await ctx.runtime.joins.run(guildId, () =>
      recordInviteCreated({ guildId, invite: toInviteInfo(invite) }),
    );
  },
});
