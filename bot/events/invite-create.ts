import { Events } from 'discord.js';
import { defineEvent } from './types.js';
import { recordInviteCreated } from '../../shared/services/invite-created.service.js';
import { runtimeOf } from '../features/connect/runtime.js';
import { toInviteInfo } from '../features/connect/invite-tracker.js';

/**
 * A new invite: add it to the guild's baseline with its announced uses (0), in the join queue.
 * Only this invite is recorded: re-reading all counts now would swallow joins still queued.
 */
export const inviteCreate = defineEvent({
  name: Events.InviteCreate,
  async execute(ctx, invite) {
    const guildId = invite.guild?.id;
    if (!guildId) return;
    await runtimeOf(ctx).joins.run(guildId, () =>
      recordInviteCreated({ guildId, invite: toInviteInfo(invite) }),
    );
  },
});
