import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';
import { snapshotInvites } from '../flows/invite-tracker.js';

/** At start-up: store every guild's invites as the baseline for attributing joins. */
export const inviteSnapshotOnReady = defineEvent({
  name: Events.ClientReady,
  once: true,
  async execute(ctx, client) {
    await Promise.all(client.guilds.cache.map((guild) => snapshotInvites(ctx, guild)));
  },
});

/** The bot joined a guild (or it became available): store its invites as the baseline. */
export const inviteSnapshotOnGuildCreate = defineEvent({
  name: Events.GuildCreate,
  async execute(ctx, guild) {
    await snapshotInvites(ctx, guild);
  },
});
