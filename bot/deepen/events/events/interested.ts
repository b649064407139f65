import {
  Events,
  type Guild,
  type GuildScheduledEvent,
  type PartialGuildScheduledEvent,
  type User,
} from 'discord.js';
import type { BotContext } from '../../../context.js';
import { defineEvent } from '../../../core/event.js';
import { bestEffort } from '../../../core/best-effort.js';
import { refreshAnnouncement } from '../flows/publish.js';
import { syncInterested } from '../flows/interested-sync.js';

/**
 * Discord's "Interested" list is a soft RSVP shown beside Tsunagu's own (bots cannot set it).
 * USER_ADD/REMOVE need the GuildScheduledEvents intent, and for events or users not cached the
 * GuildScheduledEvent and User partials (discord.js drops the dispatch otherwise).
 */
async function mark(
  ctx: BotContext,
  event: GuildScheduledEvent | PartialGuildScheduledEvent,
  user: User,
  interested: boolean,
) {
  const occ = await ctx.services.deepenEvents.rsvp.setInterested(event.id, user.id, interested);
  const guild: Guild | null = event.guild ?? null;
  if (occ && guild)
    await bestEffort(ctx.logger, 'update the event announcement', () =>
      refreshAnnouncement(ctx, guild, occ.occurrenceId),
    );
}

export const interestedAdd = defineEvent({
  name: Events.GuildScheduledEventUserAdd,
  execute: (ctx, event, user) => mark(ctx, event, user, true),
});

export const interestedRemove = defineEvent({
  name: Events.GuildScheduledEventUserRemove,
  execute: (ctx, event, user) => mark(ctx, event, user, false),
});

/** At start-up: every upcoming occurrence's Interested list as Discord has it now. */
export const interestedOnReady = defineEvent({
  name: Events.ClientReady,
  once: true,
  async execute(ctx, client) {
    const now = ctx.services.clock.now();
    for (const guild of client.guilds.cache.values())
      for (const occ of await ctx.services.deepenEvents.series.listUpcoming(guild.id, now, 50))
        await bestEffort(ctx.logger, 'read the Interested list', () => syncInterested(ctx, guild, occ));
  },
});
